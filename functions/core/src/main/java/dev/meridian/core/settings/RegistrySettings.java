package dev.meridian.core.settings;

import dev.meridian.core.naming.Seed;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What a region's registry functions are told by their environment (template.yaml on AWS, the
 * regions file locally).
 *
 * @param registryName the logical registry, e.g. {@code meridian}
 * @param regionName this replica, e.g. {@code eastus}
 * @param regionSeed this replica's two-character base-32 seed, e.g. {@code aa}
 * @param blobDelivery how blob GETs are answered
 * @param presignValidity how long a blob redirect URL stays valid
 * @param uploadTtl how long an idle upload session lives
 * @param partSize multipart part size for uploads (≥ 5 MiB, S3's minimum)
 * @param maxManifestBytes manifests larger than this are refused with 413 (4 MiB as distribution)
 * @param tagCache whether tag → digest resolutions are cached in-process. Safe only when every
 *     tag change reaching this region's index passes through this process (its own writes, and
 *     replicated ones via {@code ManifestService.tagChanged}): true for the local runtime, where
 *     one process owns a region. On AWS, with many function instances, keep it false unless
 *     invalidation is wired to every instance through events.
 * @param manifestCacheBytes bound of the in-process cache of manifests by digest (immutable
 *     content); 0 disables it
 * @param regionEndpoints every region's public base URL by seed ({@code aa →
 *     https://eastus.registry.example}), this region's included. When this region's is known,
 *     upload {@code Location}s are absolute URLs to it (region-sticky uploads, Azure/acr#588), and
 *     a request for a peer's session is redirected to that peer's URL. Empty: relative Locations,
 *     as before. The admin API lists them.
 * @param uploadSigningKey the secret that signs upload Locations (HMAC-SHA256 over region,
 *     repository and session id, {@code UploadSigner}); null: Locations are not signed. Every
 *     region of a replica set must share it.
 * @param verifyBudget how long one request may spend hashing a direct upload's assembled blob
 *     (docs/uploads.md "Direct uploads"): a completion that verifies within it answers 201, else
 *     202 and each status GET continues for as long again. Default 20 s, under API Gateway's 30 s.
 */
public record RegistrySettings(
    String registryName,
    String regionName,
    Seed regionSeed,
    BlobDelivery blobDelivery,
    Duration presignValidity,
    Duration uploadTtl,
    long partSize,
    long maxManifestBytes,
    boolean tagCache,
    long manifestCacheBytes,
    Map<Seed, URI> regionEndpoints,
    String uploadSigningKey,
    Duration verifyBudget) {

  public static final Duration DEFAULT_VERIFY_BUDGET = Duration.ofSeconds(20);

  public RegistrySettings {
    regionEndpoints = regionEndpoints == null ? Map.of() : Map.copyOf(regionEndpoints);
    verifyBudget = verifyBudget == null ? DEFAULT_VERIFY_BUDGET : verifyBudget;
  }

  /** The twelve settings before direct uploads: the default verification budget. */
  public RegistrySettings(String registryName, String regionName, Seed regionSeed,
      BlobDelivery blobDelivery, Duration presignValidity, Duration uploadTtl, long partSize,
      long maxManifestBytes, boolean tagCache, long manifestCacheBytes,
      Map<Seed, URI> regionEndpoints, String uploadSigningKey) {
    this(registryName, regionName, regionSeed, blobDelivery, presignValidity, uploadTtl, partSize,
        maxManifestBytes, tagCache, manifestCacheBytes, regionEndpoints, uploadSigningKey, null);
  }

  /** The ten settings before write-anywhere: no endpoints (relative Locations), no signing. */
  public RegistrySettings(String registryName, String regionName, Seed regionSeed,
      BlobDelivery blobDelivery, Duration presignValidity, Duration uploadTtl, long partSize,
      long maxManifestBytes, boolean tagCache, long manifestCacheBytes) {
    this(registryName, regionName, regionSeed, blobDelivery, presignValidity, uploadTtl, partSize,
        maxManifestBytes, tagCache, manifestCacheBytes, Map.of(), null);
  }

  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
  public static final long DEFAULT_MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
  public static final long DEFAULT_MANIFEST_CACHE_BYTES = 32L * 1024 * 1024;

  /** The original eight settings; the caches get their defaults (tag cache on, 32 MiB). */
  public RegistrySettings(String registryName, String regionName, Seed regionSeed,
      BlobDelivery blobDelivery, Duration presignValidity, Duration uploadTtl, long partSize,
      long maxManifestBytes) {
    this(registryName, regionName, regionSeed, blobDelivery, presignValidity, uploadTtl, partSize,
        maxManifestBytes, true, DEFAULT_MANIFEST_CACHE_BYTES);
  }

  /** Blob GET behaviour: a 307 to a presigned object URL (default, needed on Lambda), or streaming. */
  public enum BlobDelivery {
    REDIRECT,
    STREAM
  }

  public static RegistrySettings defaults(String registryName, String regionName, Seed seed) {
    return new RegistrySettings(
        registryName,
        regionName,
        seed,
        BlobDelivery.REDIRECT,
        Duration.ofMinutes(20),
        Duration.ofHours(24),
        DEFAULT_PART_SIZE,
        DEFAULT_MAX_MANIFEST_BYTES);
  }

  /** Like the record's, but never prints the signing key (settings get logged). */
  @Override
  public String toString() {
    return "RegistrySettings[registryName=" + registryName + ", regionName=" + regionName
        + ", regionSeed=" + regionSeed + ", blobDelivery=" + blobDelivery + ", presignValidity="
        + presignValidity + ", uploadTtl=" + uploadTtl + ", partSize=" + partSize
        + ", maxManifestBytes=" + maxManifestBytes + ", tagCache=" + tagCache
        + ", manifestCacheBytes=" + manifestCacheBytes + ", regionEndpoints=" + regionEndpoints
        + ", uploadSigningKey=" + (uploadSigningKey == null ? "none" : "(set)")
        + ", verifyBudget=" + verifyBudget + "]";
  }

  /** This region's public base URL, or null when unknown (relative upload Locations). */
  public URI publicEndpoint() {
    return regionEndpoints.get(regionSeed);
  }

  public RegistrySettings withBlobDelivery(BlobDelivery delivery) {
    return new RegistrySettings(registryName, regionName, regionSeed, delivery, presignValidity,
        uploadTtl, partSize, maxManifestBytes, tagCache, manifestCacheBytes, regionEndpoints,
        uploadSigningKey, verifyBudget);
  }

  /** Turns the in-process tag cache on (one process per region) or off (many instances). */
  public RegistrySettings withTagCache(boolean enabled) {
    return new RegistrySettings(registryName, regionName, regionSeed, blobDelivery,
        presignValidity, uploadTtl, partSize, maxManifestBytes, enabled, manifestCacheBytes,
        regionEndpoints, uploadSigningKey);
  }

  public RegistrySettings withManifestCacheBytes(long bytes) {
    return new RegistrySettings(registryName, regionName, regionSeed, blobDelivery,
        presignValidity, uploadTtl, partSize, maxManifestBytes, tagCache, bytes, regionEndpoints,
        uploadSigningKey, verifyBudget);
  }

  public RegistrySettings withMaxManifestBytes(long bytes) {
    return new RegistrySettings(registryName, regionName, regionSeed, blobDelivery,
        presignValidity, uploadTtl, partSize, bytes, tagCache, manifestCacheBytes, regionEndpoints,
        uploadSigningKey, verifyBudget);
  }

  /** Every region's public base URL by seed (this region's included); see the field. */
  public RegistrySettings withRegionEndpoints(Map<Seed, URI> endpoints) {
    return new RegistrySettings(registryName, regionName, regionSeed, blobDelivery,
        presignValidity, uploadTtl, partSize, maxManifestBytes, tagCache, manifestCacheBytes,
        endpoints, uploadSigningKey);
  }

  /** The replica set's shared upload-signing secret; null turns signing off. */
  public RegistrySettings withUploadSigningKey(String key) {
    return new RegistrySettings(registryName, regionName, regionSeed, blobDelivery,
        presignValidity, uploadTtl, partSize, maxManifestBytes, tagCache, manifestCacheBytes,
        regionEndpoints, key, verifyBudget);
  }

  /** How long one request may hash a direct upload; see the field. */
  public RegistrySettings withVerifyBudget(Duration budget) {
    return new RegistrySettings(registryName, regionName, regionSeed, blobDelivery,
        presignValidity, uploadTtl, partSize, maxManifestBytes, tagCache, manifestCacheBytes,
        regionEndpoints, uploadSigningKey, budget);
  }
}

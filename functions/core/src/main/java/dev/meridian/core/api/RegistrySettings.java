package dev.meridian.core.api;

import java.time.Duration;

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
 */
public record RegistrySettings(
    String registryName,
    String regionName,
    String regionSeed,
    BlobDelivery blobDelivery,
    Duration presignValidity,
    Duration uploadTtl,
    long partSize,
    long maxManifestBytes) {

  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
  public static final long DEFAULT_MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

  /** Blob GET behaviour: a 307 to a presigned object URL (default, needed on Lambda), or streaming. */
  public enum BlobDelivery {
    REDIRECT,
    STREAM
  }

  public static RegistrySettings defaults(String registryName, String regionName, String seed) {
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

  public RegistrySettings withBlobDelivery(BlobDelivery delivery) {
    return new RegistrySettings(registryName, regionName, regionSeed, delivery, presignValidity,
        uploadTtl, partSize, maxManifestBytes);
  }
}

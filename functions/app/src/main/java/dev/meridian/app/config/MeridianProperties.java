package dev.meridian.app.config;

import dev.meridian.aws.AwsConnection;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.core.settings.RegistrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Everything a region's functions are told by their environment, bound from {@code MERIDIAN_*}
 * environment variables (template.yaml on AWS; the local runtime sets the same properties per
 * region). Spring's relaxed binding maps {@code MERIDIAN_BLOB_DELIVERY} to {@code
 * meridian.blob-delivery}; {@code MeridianPropertiesTest} proves each variable binds.
 *
 * @param registry logical registry name ({@code MERIDIAN_REGISTRY}, default {@code meridian})
 * @param region this replica's name ({@code MERIDIAN_REGION}, required)
 * @param seed this replica's two-character base-32 seed ({@code MERIDIAN_SEED}, required)
 * @param bucket the region's bucket ({@code MERIDIAN_BUCKET}, default {@code <registry>-<region>})
 * @param table the region's table ({@code MERIDIAN_TABLE}, default {@code <registry>-<region>})
 * @param blobDelivery {@code REDIRECT} (default) or {@code STREAM} ({@code MERIDIAN_BLOB_DELIVERY})
 * @param presignValidity lifetime of blob redirect URLs ({@code MERIDIAN_PRESIGN_VALIDITY}, 20m)
 * @param awsRegion the AWS region the SDK signs for ({@code MERIDIAN_AWS_REGION}; on Lambda
 *     defaults to {@code AWS_REGION}, otherwise {@code us-east-1})
 * @param s3Endpoint S3 endpoint override, e.g. s3proxy or LocalStack ({@code MERIDIAN_S3_ENDPOINT};
 * null on AWS). Any override also switches to path-style addressing (docs/architecture.md "Measured
 * facts").
 * @param dynamodbEndpoint DynamoDB endpoint override ({@code MERIDIAN_DYNAMODB_ENDPOINT})
 * @param accessKeyId static credentials for local endpoints ({@code MERIDIAN_ACCESS_KEY_ID}); when
 *     null the SDK's default provider chain applies (the Lambda role on AWS)
 * @param secretAccessKey the matching secret ({@code MERIDIAN_SECRET_ACCESS_KEY})
 * @param regionEndpoints every region's public endpoint, {@code seed=url,seed=url}
 *     ({@code MERIDIAN_REGION_ENDPOINTS}); when set, upload {@code Location}s are absolute URLs to
 *     this region's own endpoint, so a client whose requests a global name would bounce between
 *     regions stays with the region that holds its upload (Azure/acr#588)
 * @param uploadSigningKey key of the HMAC that upload {@code Location}s carry ({@code
 *     MERIDIAN_UPLOAD_SIGNING_KEY}); null: Locations are not signed
 * @param tagCache cache tag resolutions in-process ({@code MERIDIAN_TAG_CACHE}, default false).
 *     Only safe when one process applies every tag change of the region (the local runtime);
 *     on Lambda, instances do not see each other's writes, so it stays off there.
 * @param uploadTtl how long an upload session may sit idle before it expires ({@code
 *     MERIDIAN_UPLOAD_TTL}, default 24h; every chunk renews it). Expired sessions answer
 *     {@code BLOB_UPLOAD_UNKNOWN}; their parts are removed by the bucket's lifecycle rule on AWS
 *     and by {@code sweepUploads} in the local runtime (docs/security.md "Abandoned uploads").
 * @param directVerifyBudget how long one request may hash a direct upload before answering 202
 *     ({@code MERIDIAN_DIRECT_VERIFY_BUDGET}, default 20 s; docs/uploads.md "Direct uploads")
 * @param peers the other regions ({@code MERIDIAN_PEERS}, empty: a single-region registry); see
 *     {@link ReplicationProperties}, which {@link #replication()} reads them into
 * @param pullThroughApply whether a pull-through copy is applied at once ({@code
 *     MERIDIAN_PULL_THROUGH_APPLY}, default true; see {@link ReplicationProperties})
 */
@ConfigurationProperties("meridian")
public record MeridianProperties(
    String registry,
    String region,
    String seed,
    String bucket,
    String table,
    BlobDelivery blobDelivery,
    Duration presignValidity,
    String awsRegion,
    URI s3Endpoint,
    URI dynamodbEndpoint,
    String accessKeyId,
    String secretAccessKey,
    String regionEndpoints,
    String uploadSigningKey,
    boolean tagCache,
    Duration uploadTtl,
    Duration directVerifyBudget,
    String peers,
    Boolean pullThroughApply) {

  public static final Duration DEFAULT_UPLOAD_TTL = Duration.ofHours(24);

  @ConstructorBinding
  public MeridianProperties {
    registry = blankToNull(registry) == null ? "meridian" : registry;
    if (blankToNull(region) == null) {
      throw new IllegalArgumentException("meridian.region (MERIDIAN_REGION) is required");
    }
    if (!Seed.isValid(seed)) {
      throw new IllegalArgumentException(
          "meridian.seed (MERIDIAN_SEED) must be two base-32 characters, e.g. aa; got " + seed);
    }
    bucket = blankToNull(bucket) == null ? registry + "-" + region : bucket;
    table = blankToNull(table) == null ? registry + "-" + region : table;
    blobDelivery = blobDelivery == null ? BlobDelivery.REDIRECT : blobDelivery;
    presignValidity = presignValidity == null ? Duration.ofMinutes(20) : presignValidity;
    uploadTtl = uploadTtl == null ? DEFAULT_UPLOAD_TTL : uploadTtl;
    if (uploadTtl.isNegative() || uploadTtl.isZero()) {
      throw new IllegalArgumentException(
          "meridian.upload-ttl (MERIDIAN_UPLOAD_TTL) must be positive; got " + uploadTtl);
    }
    directVerifyBudget = directVerifyBudget == null
        ? RegistrySettings.DEFAULT_VERIFY_BUDGET : directVerifyBudget;
    if (directVerifyBudget.isNegative()) {
      throw new IllegalArgumentException("meridian.direct-verify-budget"
          + " (MERIDIAN_DIRECT_VERIFY_BUDGET) must not be negative; got " + directVerifyBudget);
    }
    awsRegion = blankToNull(awsRegion) == null ? defaultAwsRegion() : awsRegion;
    accessKeyId = blankToNull(accessKeyId);
    secretAccessKey = blankToNull(secretAccessKey);
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "set both MERIDIAN_ACCESS_KEY_ID and MERIDIAN_SECRET_ACCESS_KEY, or neither");
    }
    ReplicationProperties replication = new ReplicationProperties(peers, pullThroughApply);
    peers = replication.peers(); // fails at start on a malformed list
    pullThroughApply = replication.pullThroughApply();
  }

  /** The sixteen settings before direct uploads: the default verification budget. */
  public MeridianProperties(String registry, String region, String seed, String bucket,
      String table, BlobDelivery blobDelivery, Duration presignValidity, String awsRegion,
      URI s3Endpoint, URI dynamodbEndpoint, String accessKeyId, String secretAccessKey,
      String regionEndpoints, String uploadSigningKey, boolean tagCache, Duration uploadTtl) {
    this(registry, region, seed, bucket, table, blobDelivery, presignValidity, awsRegion,
        s3Endpoint, dynamodbEndpoint, accessKeyId, secretAccessKey, regionEndpoints,
        uploadSigningKey, tagCache, uploadTtl, null, null, null);
  }

  /** {@link #seed()} as the {@link Seed} the constructor checked it to be. */
  public Seed regionSeed() {
    return new Seed(seed);
  }

  /** The replica set as this region is told it ({@code peers}, {@code pullThroughApply}). */
  public ReplicationProperties replication() {
    return new ReplicationProperties(peers, pullThroughApply);
  }

  /** The core's view of these settings. */
  public RegistrySettings registrySettings() {
    RegistrySettings d = RegistrySettings.defaults(registry, region, regionSeed());
    return new RegistrySettings(registry, region, regionSeed(), blobDelivery, presignValidity,
        uploadTtl, d.partSize(), d.maxManifestBytes())
        .withTagCache(tagCache)
        .withRegionEndpoints(endpointsBySeed(regionEndpoints))
        .withUploadSigningKey(blankToNull(uploadSigningKey))
        .withVerifyBudget(directVerifyBudget);
  }

  /** Parses {@code aa=http://host:5001,ab=http://host:5002} into seed → endpoint. */
  static Map<Seed, URI> endpointsBySeed(String text) {
    Map<Seed, URI> endpoints = new LinkedHashMap<>();
    if (blankToNull(text) == null) {
      return endpoints;
    }
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "MERIDIAN_REGION_ENDPOINTS: expected seed=url entries, got " + entry);
      }
      String seed = entry.substring(0, eq).strip();
      if (!Seed.isValid(seed)) {
        throw new IllegalArgumentException("MERIDIAN_REGION_ENDPOINTS: '" + seed
            + "' in " + entry + " must be a seed, two base-32 characters, e.g. aa");
      }
      endpoints.put(new Seed(seed), URI.create(entry.substring(eq + 1).strip()));
    }
    return endpoints;
  }

  /** Where and as whom the S3 client talks. */
  public AwsConnection s3Connection() {
    return connection(s3Endpoint);
  }

  /** Where and as whom the DynamoDB client talks. */
  public AwsConnection dynamoDbConnection() {
    return connection(dynamodbEndpoint);
  }

  /** Where and as whom a client of another AWS service talks ({@code endpoint} null on AWS). */
  public AwsConnection connection(URI endpoint) {
    if (accessKeyId != null) {
      return AwsConnection.local(endpoint, awsRegion, accessKeyId, secretAccessKey);
    }
    AwsConnection aws = AwsConnection.aws(awsRegion);
    return new AwsConnection(aws.region(), endpoint, aws.credentials());
  }

  private static String defaultAwsRegion() {
    String lambdaRegion = System.getenv("AWS_REGION");
    return lambdaRegion == null || lambdaRegion.isBlank() ? "us-east-1" : lambdaRegion;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    // Never print the secret: this record appears in startup failures.
    return "MeridianProperties[registry=" + registry + ", region=" + region + ", seed=" + seed
        + ", bucket=" + bucket + ", table=" + table + ", blobDelivery=" + blobDelivery
        + ", awsRegion=" + awsRegion + ", s3Endpoint=" + s3Endpoint + ", dynamodbEndpoint="
        + dynamodbEndpoint + ", regionEndpoints=" + regionEndpoints + ", tagCache=" + tagCache
        + ", uploadTtl=" + uploadTtl + ", directVerifyBudget=" + directVerifyBudget + "]";
  }
}

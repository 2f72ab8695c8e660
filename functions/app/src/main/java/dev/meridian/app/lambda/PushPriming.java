package dev.meridian.app.lambda;

import dev.meridian.app.RegistryAssembly;
import dev.meridian.app.aws.AwsRegionStorage;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.dynamodb.DynamoDbEventLog;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.settings.RegistrySettings;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * SnapStart priming of the push function's write path, which refused requests and read-only
 * calls do not reach: a synthetic push — a monolithic blob upload, an upload session started and
 * continued, a manifest — through the registry's own handler, built from the real AWS adapters
 * over SDK clients configured as the function's are but whose HTTP client is {@link
 * OfflineHttpClient}. The SDK marshals, signs, checksums and parses every call as it would for S3
 * and DynamoDB, and nothing leaves the JVM: no object, item or event is written, and the
 * function's own clients and handler are not used. Measured in docs/aws.md "Cold start".
 */
final class PushPriming implements Runnable {
  private static final System.Logger LOG = System.getLogger(PushPriming.class.getName());
  private static final String REPOSITORY = "/v2/meridian-priming/app";

  private final MeridianProperties properties;
  private final S3Presigner presigner;
  /** Statuses of the last run's requests, in order (tests). */
  private volatile List<Integer> statuses = List.of();
  private volatile int storageCalls;

  PushPriming(MeridianProperties properties, S3Presigner presigner) {
    this.properties = properties;
    this.presigner = presigner;
  }

  List<Integer> statuses() {
    return statuses;
  }

  /** SDK calls the last run made, all answered in memory. */
  int storageCalls() {
    return storageCalls;
  }

  @Override
  public void run() {
    OfflineHttpClient offline = new OfflineHttpClient();
    try (S3Client s3 = AwsClients.s3(properties.s3Connection(), offline);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(properties.dynamoDbConnection(), offline)) {
      statuses = push(api(s3, dynamoDb));
    } catch (RuntimeException e) { // priming is best effort: the first request pays instead
      LOG.log(System.Logger.Level.WARNING, "push priming failed: " + e);
    } finally {
      storageCalls = offline.requests();
    }
  }

  private HttpHandler api(S3Client s3, DynamoDbClient dynamoDb) {
    RegionStorage storage = AwsRegionStorage.connect(s3, presigner, dynamoDb, properties);
    RegistrySettings settings = properties.registrySettings();
    Clock clock = Clock.systemUTC();
    ManifestEndpoints manifests = new ManifestEndpoints(settings, storage.objects(),
        storage.index(), clock, new DynamoDbEventLog(dynamoDb, properties.table()));
    return RegistryAssembly.region(settings, storage.objects(), storage.index(),
        storage.uploads(), clock).manifests(manifests).httpApi();
  }

  private static List<Integer> push(HttpHandler api) {
    byte[] blob = "meridian SnapStart priming blob".getBytes(StandardCharsets.UTF_8);
    String digest = sha256(blob);
    List<Integer> out = new ArrayList<>();
    out.add(send(api, "POST", REPOSITORY + "/blobs/uploads/", "digest=" + digest, blob, Map.of()));
    HttpResponse started = api.handle(request("POST", REPOSITORY + "/blobs/uploads/", "",
        new byte[0], Map.of()));
    out.add(drain(started));
    String location = started.headers().first("Location");
    if (location != null) {
      String path = location.replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");
      out.add(send(api, "PATCH", path, "", blob,
          Map.of("Content-Range", "0-" + (blob.length - 1))));
      out.add(send(api, "PUT", path, "digest=" + digest, new byte[0], Map.of()));
    }
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + digest + "\",\"size\":" + blob.length + "},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest + "\",\"size\":"
        + blob.length + "}]}";
    out.add(send(api, "PUT", REPOSITORY + "/manifests/latest", "",
        manifest.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json")));
    return List.copyOf(out);
  }

  private static int send(HttpHandler api, String method, String path, String query, byte[] body,
      Map<String, String> headers) {
    return drain(api.handle(request(method, path, query, body, headers)));
  }

  /** Renders the body as a front would, so error rendering runs too. */
  private static int drain(HttpResponse response) {
    try {
      response.body().writeTo(OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return response.status();
  }

  private static HttpRequest request(String method, String path, String query, byte[] body,
      Map<String, String> headers) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    headers.forEach((k, v) -> all.put(k, List.of(v)));
    all.put("Content-Length", List.of(Integer.toString(body.length)));
    all.putIfAbsent("Content-Type", List.of("application/octet-stream"));
    return new HttpRequest(method, path, query, HttpHeaders.of(all),
        new ByteArrayInputStream(body), body.length, "snapstart.priming.invalid", "https");
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

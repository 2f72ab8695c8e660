package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.dynamodb.DynamoDbUploadSessionStore;
import dev.meridian.aws.s3.S3ObjectStore;
import dev.meridian.core.storage.OpenMultipart;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.TestAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Abandoned uploads on the local runtime: an upload abandoned half-way — a 6 MiB chunk in an S3
 * multipart upload on s3proxy and a tail object, its session in DynamoDB Local — is swept by the
 * runtime's own schedule once it is a TTL past expiry: the multipart upload is aborted, the staging
 * objects and the session deleted. An upload that keeps sending chunks is left alone and
 * completes. Short TTL ({@code --upload-ttl 2}) so the test waits seconds, not days.
 */
class UploadSweepEndToEndTest {

  private static final Duration TTL = Duration.ofSeconds(2);
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static LocalRuntime runtime;
  private static URI region;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts().withUploadTtl(TTL));
    region = runtime.regionEndpoint(runtime.regionNames().get(0));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void abandonedUpload_isSweptWithItsParts_whileAnActiveOneCompletes() throws Exception {
    String abandoned = startUpload("sweep/abandoned");
    patch(abandoned, new byte[6 * 1024 * 1024 + 3], 0); // one part ≥ 5 MiB, kept as a part
    patch(abandoned, new byte[1024], 6 * 1024 * 1024 + 3); // a tail object
    String abandonedId = sessionId(abandoned);
    MeridianProperties p = runtime.regionProperties(runtime.regionNames().get(0));

    try (S3Client s3 = AwsClients.s3(p.s3Connection());
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(p.dynamoDbConnection())) {
      S3ObjectStore objects = new S3ObjectStore(s3, null, p.bucket()); // no presigning here
      DynamoDbUploadSessionStore sessions = new DynamoDbUploadSessionStore(dynamoDb, p.table());
      assertThat(openUploadsOf(objects, abandonedId)).hasSize(1);
      assertThat(objects.head(StorageLayout.uploadTail(abandonedId))).isPresent();

      // Meanwhile an active upload keeps its session alive with a chunk every half TTL.
      String active = startUpload("sweep/active");
      byte[] first = random(6 * 1024 * 1024, 1);
      patch(active, first, 0);
      long sent = first.length;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (sessions.stored(abandonedId).isPresent()
          || !openUploadsOf(objects, abandonedId).isEmpty()) {
        assertThat(System.nanoTime()).as("abandoned upload still there after 30 s").isLessThan(deadline);
        Thread.sleep(TTL.toMillis() / 2);
        sent += patch(active, random(1000, sent), sent);
      }

      assertThat(objects.head(StorageLayout.uploadTail(abandonedId))).isEmpty();
      assertThat(objects.list(StorageLayout.UPLOADS_PREFIX + abandonedId + "/", null, 10)).isEmpty();
      HttpResponse<String> gone = send(request(abandoned).GET().build());
      assertThat(gone.statusCode()).isEqualTo(404);
      assertThat(gone.body()).contains("BLOB_UPLOAD_UNKNOWN");
      // The active upload lived through every sweep and still completes.
      assertThat(openUploadsOf(objects, sessionId(active))).hasSize(1);
      HttpResponse<String> status = send(request(active).GET().build());
      assertThat(status.statusCode()).isEqualTo(204);
      assertThat(status.headers().firstValue("Range")).hasValue("0-" + (sent - 1));
    }
  }

  private static List<OpenMultipart> openUploadsOf(S3ObjectStore objects, String sessionId) {
    return objects.listMultipart(StorageLayout.UPLOADS_PREFIX + sessionId + "/", null, 10);
  }

  /** POST a new upload; its absolute Location. */
  private static String startUpload(String repository) throws Exception {
    HttpResponse<String> r = send(request(region.resolve("/v2/" + repository + "/blobs/uploads/")
        .toString()).POST(BodyPublishers.noBody()).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return region.resolve(r.headers().firstValue("Location").orElseThrow()).toString();
  }

  /** PATCH one chunk at {@code start}; returns its length. */
  private static long patch(String location, byte[] chunk, long start) throws Exception {
    HttpResponse<String> r = send(request(location)
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", start + "-" + (start + chunk.length - 1))
        .method("PATCH", BodyPublishers.ofByteArray(chunk)).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return chunk.length;
  }

  /** The session id: the Location's last path segment (before any signature query). */
  private static String sessionId(String location) {
    String path = URI.create(location).getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", TestAdmin.BASIC);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, BodyHandlers.ofString());
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}

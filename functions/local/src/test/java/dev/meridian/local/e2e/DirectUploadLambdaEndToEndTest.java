package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.lambda.LambdaLimits;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A direct upload through {@code --front lambda} (API Gateway's HTTP API before the Lambda entry
 * points, with their body limits): a 24 MiB blob, far over what one Lambda request carries, goes
 * to S3 in parts and is pulled back through the gateway. This is how large layers pass on the
 * AWS shape.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectUploadLambdaEndToEndTest {
  private LocalRuntime runtime;

  @BeforeAll
  void start() {
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
        .withFront(LocalOptions.Front.LAMBDA));
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void blobAboveTheLambdaLimit_uploadedDirect_isCompletedAndPulledThroughTheGateway() {
    byte[] blob = DirectUploadEndToEndTest.random(24L * 1024 * 1024, 7);
    assertThat(blob.length).isGreaterThan(LambdaLimits.INVOCATION_PAYLOAD_BYTES);
    String digest = PlainHttp.sha256(blob);
    PlainHttp http = new PlainHttp(runtime.regionEndpoint(runtime.regionNames().get(0)));
    DirectUploadClient client = new DirectUploadClient(http);
    DirectUploadClient.Started started = client.start("lambda/direct", blob.length);

    client.putParts(started, blob);
    List<HttpResponse<byte[]>> answers = client.completeUntilDone(started.location(), digest, 20);

    HttpResponse<byte[]> last = answers.get(answers.size() - 1);
    assertThat(last.statusCode()).as(PlainHttp.describe(last)).isEqualTo(201);
    HttpResponse<byte[]> pulled = http.getFollowing("/v2/lambda/direct/blobs/" + digest);
    assertThat(pulled.statusCode()).as(PlainHttp.describe(pulled)).isEqualTo(200);
    assertThat(PlainHttp.sha256(pulled.body())).isEqualTo(digest);
  }
}

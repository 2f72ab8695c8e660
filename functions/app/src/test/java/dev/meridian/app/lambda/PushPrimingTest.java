package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The push function's SnapStart priming runs a whole synthetic push through the real adapters and
 * SDK pipelines and answers every call in memory: its endpoints here are unreachable (port 9 on
 * loopback; AWS's own with test keys), so a request that left the JVM would fail the upload.
 */
class PushPrimingTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9", ""})
  void run_pushesThroughTheAdaptersWithoutAConnection(String endpoint) {
    URI uri = endpoint.isEmpty() ? null : URI.create(endpoint);
    MeridianProperties p = new MeridianProperties("meridian", "eastus", "aa", "priming-bucket",
        "priming-table", null, null, "us-east-1", uri, uri, "AKIDPRIMING", "priming-secret", null,
        null, false, null);
    try (S3Presigner presigner = AwsClients.s3Presigner(p.s3Connection())) {
      PushPriming priming = new PushPriming(p, presigner);

      priming.run();

      // monolithic upload created; session started (202); its PATCH and PUT find no session
      // and the manifest no blob, as an empty region answers
      assertThat(priming.statuses()).as("statuses").startsWith(201, 202);
      assertThat(priming.statuses()).hasSize(5);
      assertThat(priming.storageCalls()).as("SDK calls answered in memory").isGreaterThan(3);
    }
  }
}

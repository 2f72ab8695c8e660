package dev.meridian.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** {@code /metrics}' opt-in bearer token (MERIDIAN_METRICS_TOKEN). */
class MetricsEndpointTest {
  private final MicrometerMetrics metrics = new MicrometerMetrics();

  private static HttpRequest get(String path, String authorization) {
    HttpHeaders headers = new HttpHeaders();
    if (authorization != null) {
      headers.set("Authorization", authorization);
    }
    return new HttpRequest("GET", path, "", headers, new ByteArrayInputStream(new byte[0]), 0,
        "127.0.0.1", "http");
  }

  @Test
  void handle_withATokenSet_refusesAScrapeWithoutIt_with401AndABearerChallenge() {
    MetricsEndpoint endpoint = new MetricsEndpoint(metrics, "s3cret");
    assertThatThrownBy(() -> endpoint.handle(get("/metrics", null)))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.headers()).containsKey("WWW-Authenticate");
        });
    assertThatThrownBy(() -> endpoint.handle(get("/metrics", "Bearer wrong")))
        .isInstanceOf(RegistryException.class);
    assertThat(endpoint.handle(get("/metrics", "Bearer s3cret")).status()).isEqualTo(200);
  }

  @Test
  void handle_withoutToken_isOpen_andOtherPathsAreNotItsBusiness() {
    metrics.count("meridian.gc.freed.bytes", 42, "region", "eastus");
    MetricsEndpoint endpoint = new MetricsEndpoint(metrics, "");
    assertThat(endpoint.handle(get("/metrics", null)).status()).isEqualTo(200);
    assertThat(metrics.scrape()).contains("meridian_gc_freed_bytes_total{region=\"eastus\"} 42.0");
    assertThat(endpoint.handle(get("/v2/", null))).isNull();
  }
}

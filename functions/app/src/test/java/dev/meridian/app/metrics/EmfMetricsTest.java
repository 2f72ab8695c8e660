package dev.meridian.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.metrics.MetricNames;
import dev.meridian.core.metrics.RequestRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Embedded Metric Format lines as CloudWatch reads them (the specification's required {@code
 * _aws.Timestamp}, {@code CloudWatchMetrics[].Namespace/Dimensions/Metrics}, each dimension and
 * metric a top-level member), with the dimensions the template's alarms select.
 */
class EmfMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> lines = new ArrayList<>();
  private final EmfMetrics emf = new EmfMetrics(lines::add,
      Clock.fixed(Instant.parse("2026-12-07T13:00:00Z"), ZoneOffset.UTC));

  @Test
  void time_buildRun_isOneLine_withRegionAndRegionStatusDimensions() throws Exception {
    emf.time(MetricNames.BUILD_RUNS, Duration.ofSeconds(3), "region", "eastus", "status", "Failed");

    JsonNode line = JSON.readTree(lines.get(0));
    JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
    assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(1796648400000L);
    assertThat(directive.get("Namespace").asText()).isEqualTo("Meridian");
    assertThat(directive.get("Dimensions").toString())
        .isEqualTo("[[\"Region\"],[\"Region\",\"Status\"]]");
    assertThat(directive.at("/Metrics/0/Name").asText()).isEqualTo("meridian.builds.runs");
    assertThat(directive.at("/Metrics/0/Unit").asText()).isEqualTo("Milliseconds");
    assertThat(line.get("Region").asText()).isEqualTo("eastus");
    assertThat(line.get("Status").asText()).isEqualTo("Failed");
    assertThat(line.get("meridian.builds.runs").asDouble()).isEqualTo(3000.0);
  }

  @Test
  void request_isOneLine_logFieldsAndThreeMetrics() throws Exception {
    emf.request(new RequestRecord("eastus", "HEAD", "/v2/<name>/blobs/<digest>", 404,
        Duration.ofMillis(12), 0, 0, "admin"));

    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.get("type").asText()).isEqualTo("request");
    assertThat(line.get("Route").asText()).isEqualTo("/v2/<name>/blobs/<digest>");
    assertThat(line.get("Status").asText()).isEqualTo("404");
    assertThat(line.get("account").asText()).isEqualTo("admin");
    assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics")).hasSize(3);
    assertThat(line.get("meridian.http.requests").asDouble()).isEqualTo(12.0);
  }

  @Test
  void gauge_onLambda_reportsNothing() {
    emf.gauge(MetricNames.WEBHOOK_BACKLOG, () -> 3, "region", "eastus");
    assertThat(lines).isEmpty();
  }
}

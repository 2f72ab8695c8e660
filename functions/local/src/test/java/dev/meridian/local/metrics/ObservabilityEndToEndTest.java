package dev.meridian.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.TestAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Health, metrics and request logs of the local runtime on its real storage (DynamoDB Local,
 * s3proxy): {@code /readyz} without credentials, {@code /metrics} in Prometheus's format with the
 * requests just made (by route template and status) and each region's gauges, and one request
 * line per request — a 401 challenge and a blob HEAD's 404 at INFO, not WARN.
 */
class ObservabilityEndToEndTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ListAppender<ILoggingEvent> LINES = new ListAppender<>();
  @TempDir static Path dir;
  private static LocalRuntime runtime;
  private static URI east;

  @BeforeAll
  static void start() throws Exception {
    Logger requests = (Logger) LoggerFactory.getLogger("dev.meridian.requests");
    requests.setLevel(Level.INFO);
    requests.setAdditive(false);
    LINES.start();
    requests.addAppender(LINES);
    Path regions = Files.writeString(dir.resolve("regions"), "eastus aa\nwesteurope ab\n");
    runtime = LocalRuntime.start(new LocalOptions(0, regions, dir.resolve("data"), true,
        BlobDelivery.STREAM));
    east = runtime.regionEndpoint("eastus");
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
    ((Logger) LoggerFactory.getLogger("dev.meridian.requests")).detachAppender(LINES);
  }

  @Test
  void readyz_withoutCredentials_isReady_whileTheApiAsksForThem() throws Exception {
    HttpResponse<String> ready = get("/readyz", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"ready\"");
    assertThat(get("/v2/", null).statusCode()).isEqualTo(401);
  }

  @Test
  void metrics_countRequestsByRouteAndStatus_andShowEachRegionsGauges() throws Exception {
    assertThat(get("/v2/", null).statusCode()).isEqualTo(401);
    assertThat(head("/v2/team/app/blobs/sha256:" + "0".repeat(64)).statusCode()).isEqualTo(404);

    HttpResponse<String> scrape = get("/metrics", null);

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("content-type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/plain"));
    assertThat(scrape.body().lines().filter(l -> l.startsWith("meridian_http_requests_seconds_count{")))
        .anySatisfy(l -> assertThat(l).contains("region=\"eastus\"", "route=\"/v2/\"",
            "status=\"401\""))
        .anySatisfy(l -> assertThat(l).contains("route=\"/v2/<name>/blobs/<digest>\"",
            "status=\"404\"", "method=\"HEAD\""));
    assertThat(scrape.body()).contains("meridian_http_requests_seconds_bucket{")
        .contains("meridian_builds_queued{region=\"westeurope\"}")
        .contains("meridian_webhooks_backlog{region=\"eastus\"}");
  }

  @Test
  void requestLog_oneLinePerRequest_challengesAndBlobChecksAreNotWarnings() throws Exception {
    get("/v2/", null);
    head("/v2/team/app/blobs/sha256:" + "1".repeat(64));

    List<ILoggingEvent> lines = List.copyOf(LINES.list);
    assertThat(lines).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.INFO);
      assertThat(e.getFormattedMessage()).contains("region=eastus", "method=GET", "route=/v2/",
          "status=401", "account=");
    });
    assertThat(lines).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.INFO);
      assertThat(e.getFormattedMessage()).contains("method=HEAD",
          "route=/v2/<name>/blobs/<digest>", "status=404", "account=admin");
    });
    assertThat(lines).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
  }

  private static HttpResponse<String> get(String path, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(east.resolve(path));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return CLIENT.send(b.build(), BodyHandlers.ofString());
  }

  private static HttpResponse<String> head(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(east.resolve(path))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .header("Authorization", TestAdmin.BASIC).build(), BodyHandlers.ofString());
  }
}

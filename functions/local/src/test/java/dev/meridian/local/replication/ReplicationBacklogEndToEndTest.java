package dev.meridian.local.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.local.LocalRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code meridian.replication.backlog} gauge on {@code /metrics} (docs/operations.md): with
 * westeurope down, a push to eastus leaves its changes unacknowledged by westeurope and the
 * gauge of that peer rises, while the peer that is up catches up; once westeurope is back and
 * has applied them, the gauge falls to 0.
 */
class ReplicationBacklogEndToEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = ReplicationRuntimes.onDemand();
  }

  @AfterAll
  static void stop() {
    ReplicationRuntimes.stop(runtime);
  }

  @Test
  void backlog_whenAPeerIsDown_rises_andFallsToZeroOnceItHasCaughtUp() {
    URI east = runtime.regionEndpoint("eastus");
    String west = runtime.regionProperties("westeurope").seed();
    List<String> others = runtime.regionNames().stream()
        .filter(r -> !r.equals("eastus") && !r.equals("westeurope"))
        .map(r -> runtime.regionProperties(r).seed()).toList();
    assertThat(backlog(east, west)).isZero();

    runtime.regionDown("westeurope", Duration.ofMinutes(10));
    try {
      OciHttpClient.pushImage(east, "backlog/app", "v1", "backlog");
      // the manifest object, its put record and its tag record: three changes
      Eventually.await("westeurope's backlog at eastus rises to 3", LIMIT,
          () -> backlog(east, west) == 3);
      for (String up : others) {
        Eventually.await("the backlog of a peer that is up returns to 0", LIMIT,
            () -> backlog(east, up) == 0);
      }
      assertThat(backlog(east, west)).as("still not acknowledged while down").isEqualTo(3);
    } finally {
      runtime.regionUp("westeurope");
    }

    runtime.reconcileAll(); // what the outage's failed notifications left behind
    Eventually.await("westeurope's backlog back to 0", LIMIT, () -> backlog(east, west) == 0);
  }

  /** The gauge's value for (eastus, peer) in a scrape; -1 when absent. */
  private static long backlog(URI region, String peer) {
    String scrape;
    try {
      scrape = CLIENT.send(HttpRequest.newBuilder(region.resolve("/metrics")).build(),
          BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return scrape.lines()
        .filter(l -> l.startsWith("meridian_replication_backlog{"))
        .filter(l -> l.contains("region=\"eastus\"") && l.contains("peer=\"" + peer + "\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst().orElse(-1);
  }
}

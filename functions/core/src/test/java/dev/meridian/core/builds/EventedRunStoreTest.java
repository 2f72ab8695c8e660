package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.events.BuildEvent;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.fakes.InMemoryEventLog;
import dev.meridian.core.fakes.InMemoryRunStore;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.webhooks.WebhookPayloads;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventedRunStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-07T14:00:00Z");
  private static final Digest OUT = Digest.parse("sha256:" + "d".repeat(64));

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final RunStore runs = new EventedRunStore(new InMemoryRunStore(), log, "westeurope",
      Clock.systemUTC());

  private static BuildRun queued(long n) {
    BuildRequest request = new BuildRequest(Digest.parse("sha256:" + "c".repeat(64)), null,
        List.of("team/app:{{.Run.ID}}", "team/app:latest"), Map.of(), null, null, null, "dana");
    return BuildRun.queued(new RunId(new Seed("ab"), n), request, new Trigger("commit", "abc1234"), T0);
  }

  @Test
  void transitions_whenTheyWin_appendOneBuildEventPerPhase_toTheRunsRegionLog() {
    BuildRun run = queued(1);
    assertThat(runs.create(run)).isTrue();
    assertThat(runs.create(run)).isFalse(); // a retry that lost: no second event
    BuildRun running = run.running(T0.plusSeconds(1));
    assertThat(runs.transition(running, RunStatus.QUEUED)).isTrue();
    assertThat(runs.transition(running, RunStatus.QUEUED)).isFalse();
    BuildRun done = running.finished(RunStatus.SUCCEEDED, T0.plusSeconds(2),
        List.of(new OutputImage("team/app:ab1", OUT)), null);
    assertThat(runs.transition(done, RunStatus.RUNNING)).isTrue();

    List<RegistryEvent> events = log.readAfter(0, 10);
    assertThat(events).extracting(e -> e.build().phase())
        .containsExactly("queued", "started", "succeeded");
    RegistryEvent last = events.get(2);
    assertThat(last.action()).isEqualTo(EventAction.BUILD);
    assertThat(last.region()).isEqualTo("westeurope");
    assertThat(last.repository()).isEqualTo("team/app");
    assertThat(last.tag()).isEqualTo("ab1");
    assertThat(last.digest()).isEqualTo(OUT.toString());
    assertThat(last.build()).isEqualTo(new BuildEvent("ab1", "succeeded", "Succeeded", "commit",
        "abc1234", List.of("team/app:ab1", "team/app:latest"),
        List.of(new BuildEvent.Output("team/app:ab1", OUT.toString())), null));

    String payload = WebhookPayloads.event("d1", last, List.of());
    assertThat(payload).contains("\"action\":\"build\"", "\"runId\":\"ab1\"",
        "\"phase\":\"succeeded\"", "\"trigger\":{\"type\":\"commit\",\"detail\":\"abc1234\"}",
        "\"outputImages\":[{\"name\":\"team/app:ab1\",\"digest\":\"" + OUT + "\"}]",
        "\"region\":\"westeurope\"");
  }

  @Test
  void transitions_whenTheRunEndsOtherwise_areFailedOrCanceled() {
    for (RunStatus end : List.of(RunStatus.FAILED, RunStatus.TIMEOUT, RunStatus.ERROR)) {
      BuildRun run = queued(10 + end.ordinal());
      runs.create(run);
      runs.transition(run.running(T0).finished(end, T0, List.of(), "why"), RunStatus.QUEUED);
    }
    BuildRun canceled = queued(20);
    runs.create(canceled);
    runs.transition(canceled.finished(RunStatus.CANCELED, T0, List.of(), "canceled by request"),
        RunStatus.QUEUED);

    assertThat(log.all()).filteredOn(e -> !e.build().phase().equals("queued"))
        .extracting(e -> e.build().phase() + "/" + e.build().runStatus() + "/" + e.build().error())
        .containsExactly("failed/Failed/why", "failed/Timeout/why", "failed/Error/why",
            "canceled/Canceled/canceled by request");
  }
}

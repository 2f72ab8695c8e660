package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.contract.RunStoreContract;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryRunIdAllocator;
import dev.meridian.core.fakes.InMemoryRunStore;
import dev.meridian.core.naming.Seed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Run leases and the timeout cap of {@link BuildRunner} on the in-memory fakes. */
class BuildRunnerLeaseTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final InMemoryRunStore runs = new InMemoryRunStore();
  private final InMemoryObjectStore objects = new InMemoryObjectStore("meridian-eastus");
  private final BuildRegion region = new BuildRegion("eastus", new Seed("aa"),
      new InMemoryRunIdAllocator(new Seed("aa")), runs, objects, BuildRegion.UNLIMITED);
  private final MutableClock clock = new MutableClock(T0);
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final BuildRunner.Limits limits =
      new BuildRunner.Limits(Duration.ofMinutes(14), Duration.ofMinutes(1));

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  @Test
  void run_whenMovedToRunning_recordsLeaseOfCappedTimeoutPlusMargin() throws Exception {
    AtomicReference<BuildRun> seen = new AtomicReference<>();
    BuildRunner runner = new BuildRunner(region, (run, context, log) -> {
      seen.set(runs.get(run.id()).orElseThrow());
      return BuildExecutor.Result.succeeded(List.of());
    }, workers, clock, limits);
    BuildRun queued = enqueue(1, Duration.ofMinutes(10)); // 10 min: under the cap

    runner.run(queued.id());

    assertThat(seen.get().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(seen.get().leaseUntil()).isEqualTo(T0.plus(Duration.ofMinutes(11)));
  }

  @Test
  void run_whenRequestedTimeoutExceedsTheCap_leasesAndLogsTheCap() throws Exception {
    AtomicReference<BuildRun> seen = new AtomicReference<>();
    BuildRunner runner = new BuildRunner(region, (run, context, log) -> {
      seen.set(runs.get(run.id()).orElseThrow());
      return BuildExecutor.Result.succeeded(List.of());
    }, workers, clock, limits);
    BuildRun queued = enqueue(2, Duration.ofHours(1));

    BuildRun done = runner.run(queued.id()).orElseThrow();

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(seen.get().leaseUntil()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(new RunLogs(objects).read(queued.id()).orElseThrow())
        .contains("timeout capped to PT14M");
  }

  @Test
  void expireLostRuns_whenLeasePassed_movesToErrorKeepingTheId_andLeavesLiveRunsAlone() {
    BuildRunner runner = new BuildRunner(region, null, workers, clock, limits);
    BuildRun lost = enqueue(3, Duration.ofMinutes(10));
    BuildRun live = enqueue(4, Duration.ofMinutes(10));
    BuildRun old = enqueue(5, Duration.ofMinutes(10)); // running without a lease (older runner)
    runs.transition(lost.running(T0, T0.plus(Duration.ofMinutes(11))), RunStatus.QUEUED);
    runs.transition(live.running(T0, T0.plus(Duration.ofMinutes(30))), RunStatus.QUEUED);
    runs.transition(old.running(T0), RunStatus.QUEUED);
    clock.set(T0.plus(Duration.ofMinutes(12)));

    List<RunId> expired = runner.expireLostRuns();

    assertThat(expired).containsExactly(lost.id());
    BuildRun after = runs.get(lost.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(RunStatus.ERROR);
    assertThat(after.error()).startsWith("runner lost");
    assertThat(after.finishedAt()).isEqualTo(T0.plus(Duration.ofMinutes(12)));
    assertThat(runs.get(live.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(runs.get(old.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(new RunLogs(objects).read(lost.id()).orElseThrow()).contains("runner lost");
    assertThat(runner.expireLostRuns()).isEmpty(); // done once
  }

  @Test
  void expireLostRuns_whenTheRunFinishedMeanwhile_leavesItsState() {
    BuildRunner runner = new BuildRunner(region, null, workers, clock, limits);
    BuildRun run = enqueue(6, Duration.ofMinutes(1));
    BuildRun running = run.running(T0, T0.plusSeconds(90));
    runs.transition(running, RunStatus.QUEUED);
    // the late runner's final write lands between the reconciler's read and its write
    runs.transition(running.finished(RunStatus.SUCCEEDED, T0.plusSeconds(100), List.of(), null),
        RunStatus.RUNNING);
    clock.set(T0.plusSeconds(200));

    assertThat(runner.expireLostRuns()).isEmpty();
    assertThat(runs.get(run.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  private BuildRun enqueue(long sequence, Duration timeout) {
    BuildRequest r = RunStoreContract.request(null);
    BuildRequest request = new BuildRequest(r.context(), r.dockerfile(), r.images(),
        r.buildArgs(), r.platform(), timeout, null, r.owner());
    BuildRun run = BuildRun.queued(new RunId(new Seed("aa"), sequence), request, Trigger.MANUAL, T0);
    assertThat(runs.create(run)).isTrue();
    return run;
  }

  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

package dev.meridian.core.builds;

import dev.meridian.core.metrics.GlobalMetrics;
import dev.meridian.core.metrics.MetricNames;
import dev.meridian.core.storage.StorageLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code runBuild} function's lifecycle around a {@link BuildExecutor}: {@code Queued →
 * Running} (a conditional write: of two runners picking the same run, one proceeds), execute on
 * {@code workers} within the run's timeout, then {@code Succeeded | Failed | Timeout | Error}
 * (conditional on {@code Running}, so a cancel that landed meanwhile stays). Without an executor
 * nothing runs: runs stay {@code Queued} until one is wired.
 *
 * <p><b>Limits and leases</b> (docs/builds.md "Leases"). A run's timeout is capped at {@link
 * Limits#maxTimeout} (on Lambda: below the function's own 15-minute limit). Moving a run to
 * {@code Running} records a lease, start + effective timeout + {@link Limits#leaseMargin}: a runner
 * that is alive finishes the run (or times it out) before then. {@link #expireLostRuns} moves
 * {@code Running} runs whose lease passed to {@code Error} ("runner lost"), conditional on {@code
 * Running}, so a runner that finishes late or a cancel racing it wins or loses cleanly.
 */
public final class BuildRunner {
  /** How many running runs one {@link #expireLostRuns} call examines at most. */
  static final int EXPIRY_PAGE = 200;

  /**
   * @param maxTimeout the longest a run may take here; a request's longer timeout is capped
   * @param leaseMargin added to the effective timeout for the lease (writing the final state,
   *     clock skew between runners and the reconciler)
   */
  public record Limits(Duration maxTimeout, Duration leaseMargin, long maxLogBytes) {
    /** A run's log may hold 1 MiB: some thousand lines per instruction is far more than needed. */
    public static final long DEFAULT_MAX_LOG_BYTES = 1024 * 1024;
    public static final Limits DEFAULT = new Limits(Duration.ofHours(2), Duration.ofMinutes(2));

    public Limits {
      if (maxTimeout.isNegative() || maxTimeout.isZero() || leaseMargin.isNegative()
          || maxLogBytes < 1) {
        throw new IllegalArgumentException(
            "maxTimeout and maxLogBytes must be positive, leaseMargin not negative");
      }
    }

    public Limits(Duration maxTimeout, Duration leaseMargin) {
      this(maxTimeout, leaseMargin, DEFAULT_MAX_LOG_BYTES);
    }

    /** The timeout a run with requested {@code timeout} gets here. */
    public Duration effective(Duration timeout) {
      return timeout.compareTo(maxTimeout) > 0 ? maxTimeout : timeout;
    }
  }

  private final BuildRegion region;
  private final BuildExecutor executor; // null: none wired yet
  private final ExecutorService workers;
  private final Clock clock;
  private final RunLogs logs;
  private final Limits limits;

  public BuildRunner(BuildRegion region, BuildExecutor executor, ExecutorService workers,
      Clock clock) {
    this(region, executor, workers, clock, Limits.DEFAULT);
  }

  public BuildRunner(BuildRegion region, BuildExecutor executor, ExecutorService workers,
      Clock clock, Limits limits) {
    this.limits = limits;
    this.region = region;
    this.executor = executor;
    this.workers = workers;
    this.clock = clock;
    this.logs = new RunLogs(region.objects());
  }

  public boolean canExecute() {
    return executor != null;
  }

  /** Queued runs of this region, oldest first. */
  public List<RunId> queued(int max) {
    List<RunId> ids = new java.util.ArrayList<>(
        region.runs().list(RunStatus.QUEUED, max).stream().map(BuildRun::id).toList());
    java.util.Collections.reverse(ids);
    return ids;
  }

  /**
   * Runs queued run {@code id} to a terminal state and returns it; empty when there is no executor
   * or another runner (or a cancel) took the run first.
   */
  public Optional<BuildRun> run(RunId id) throws InterruptedException {
    if (executor == null) {
      return Optional.empty();
    }
    BuildRun queued = region.runs().get(id).orElse(null);
    if (queued == null || queued.status() != RunStatus.QUEUED) {
      return Optional.empty();
    }
    Duration timeout = limits.effective(queued.request().timeout());
    Instant start = clock.instant();
    BuildRun running = queued.running(start, start.plus(timeout).plus(limits.leaseMargin()));
    if (!region.runs().transition(running, RunStatus.QUEUED)) {
      return Optional.empty();
    }
    RunLogWriter sink = new RunLogWriter(logs, id, clock, limits.maxLogBytes());
    sink.accept("run " + id + " started in region " + region.name()
        + (timeout.equals(queued.request().timeout()) ? ""
            : " (timeout capped to " + timeout + ", the most this runtime allows)"));
    String context = StorageLayout.buildContext(running.request().context());
    Future<BuildExecutor.Result> work = workers.submit(() -> executor.execute(running, context, sink));
    BuildRun done;
    try {
      BuildExecutor.Result r = await(work, System.nanoTime() + timeout.toNanos(), sink);
      done = r.succeeded()
          ? running.finished(RunStatus.SUCCEEDED, clock.instant(), r.images(), null)
          : running.finished(r.system() ? RunStatus.ERROR : RunStatus.FAILED, clock.instant(),
              List.of(), r.failure());
    } catch (TimeoutException e) {
      work.cancel(true);
      done = running.finished(RunStatus.TIMEOUT, clock.instant(), List.of(),
          "timed out after " + timeout);
    } catch (ExecutionException e) {
      done = running.finished(RunStatus.ERROR, clock.instant(), List.of(),
          "executor fault: " + e.getCause());
    }
    List<String> last = new java.util.ArrayList<>(); // the digests, then the outcome
    done.outputs().forEach(o -> last.add("image " + o.name() + "@" + o.digest()));
    last.add("run " + id + " " + done.status().wireName()
        + (done.error() == null ? "" : ": " + done.error()));
    if (done.startedAt() != null && done.finishedAt() != null) { // docs/operations.md "Metrics"
      GlobalMetrics.get().time(MetricNames.BUILD_RUNS,
          java.time.Duration.between(done.startedAt(), done.finishedAt()), "region", region.name(),
          "status", done.status().wireName());
    }
    sink.finish(last);
    if (!region.runs().transition(done, RunStatus.RUNNING)) {
      return region.runs().get(id); // canceled meanwhile: that state stays
    }
    return Optional.of(done);
  }

  /**
   * The executor's result by {@code deadline}, flushing the log each second meanwhile (lines
   * held back by the writer's coalescing become visible to {@code logs?follow=true}).
   */
  private static BuildExecutor.Result await(Future<BuildExecutor.Result> work, long deadline,
      RunLogWriter sink) throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new TimeoutException();
      }
      try {
        return work.get(Math.min(left, RunLogWriter.FLUSH_EVERY.toMillis()),
            TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        sink.flushDue();
      }
    }
  }

  /**
   * Moves this region's {@code Running} runs whose lease has passed to {@code Error} ("runner
   * lost"), each by a write conditional on {@code Running}; returns the IDs it moved. A run keeps
   * its ID; its log gets a last line saying why.
   */
  public List<RunId> expireLostRuns() {
    Instant now = clock.instant();
    List<RunId> expired = new java.util.ArrayList<>();
    for (BuildRun run : region.runs().list(RunStatus.RUNNING, EXPIRY_PAGE)) {
      if (!run.leaseExpired(now)) {
        continue;
      }
      String why = "runner lost: lease ended at " + run.leaseUntil() + " while Running";
      if (region.runs().transition(run.finished(RunStatus.ERROR, now, List.of(), why),
          RunStatus.RUNNING)) {
        expired.add(run.id());
        appendLog(run.id(), Instant.now(clock) + " run " + run.id() + " Error: " + why + "\n");
      }
    }
    return expired;
  }

  private void appendLog(RunId id, String line) {
    try {
      logs.write(id, logs.read(id).orElse("") + line);
    } catch (RuntimeException e) {
      // the state is what counts; a log that cannot be extended keeps what the runner wrote
    }
  }

  /**
   * Cancels a queued or running run; returns it as stored afterwards (a run already finished is
   * returned unchanged).
   */
  public BuildRun cancel(RunId id) {
    return cancel(region, id, clock);
  }

  /** As {@link #cancel(RunId)}, in any region (the API cancels where the run is held). */
  public static BuildRun cancel(BuildRegion region, RunId id, Clock clock) {
    for (int attempt = 0; attempt < 5; attempt++) {
      BuildRun current = region.runs().get(id).orElseThrow(
          () -> new IllegalArgumentException("no run " + id));
      if (current.status().isTerminal()) {
        return current;
      }
      BuildRun canceled = current.finished(RunStatus.CANCELED, clock.instant(), List.of(),
          "canceled by request");
      if (region.runs().transition(canceled, current.status())) {
        return canceled;
      }
    }
    throw new IllegalStateException("run " + id + " kept changing state; try again");
  }
}

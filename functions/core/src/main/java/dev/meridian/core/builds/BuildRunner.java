package dev.meridian.core.builds;

import dev.meridian.core.storage.StorageLayout;
import java.time.Clock;
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
 */
public final class BuildRunner {
  private final BuildRegion region;
  private final BuildExecutor executor; // null: none wired yet
  private final ExecutorService workers;
  private final Clock clock;
  private final RunLogs logs;

  public BuildRunner(BuildRegion region, BuildExecutor executor, ExecutorService workers,
      Clock clock) {
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
    BuildRun running = queued.running(clock.instant());
    if (!region.runs().transition(running, RunStatus.QUEUED)) {
      return Optional.empty();
    }
    StringBuilder log = new StringBuilder();
    java.util.function.Consumer<String> sink = line -> {
      synchronized (log) {
        log.append(Instant.now(clock)).append(' ').append(line).append('\n');
        logs.write(id, log.toString());
      }
    };
    sink.accept("run " + id + " started in region " + region.name());
    String context = StorageLayout.buildContext(running.request().context());
    Future<BuildExecutor.Result> work = workers.submit(() -> executor.execute(running, context, sink));
    BuildRun done;
    try {
      BuildExecutor.Result r = work.get(running.request().timeout().toMillis(), TimeUnit.MILLISECONDS);
      done = r.succeeded()
          ? running.finished(RunStatus.SUCCEEDED, clock.instant(), r.images(), null)
          : running.finished(r.system() ? RunStatus.ERROR : RunStatus.FAILED, clock.instant(),
              List.of(), r.failure());
    } catch (TimeoutException e) {
      work.cancel(true);
      done = running.finished(RunStatus.TIMEOUT, clock.instant(), List.of(),
          "timed out after " + running.request().timeout());
    } catch (ExecutionException e) {
      done = running.finished(RunStatus.ERROR, clock.instant(), List.of(),
          "executor fault: " + e.getCause());
    }
    sink.accept("run " + id + " " + done.status().wireName()
        + (done.error() == null ? "" : ": " + done.error()));
    if (!region.runs().transition(done, RunStatus.RUNNING)) {
      return region.runs().get(id); // canceled meanwhile: that state stays
    }
    return Optional.of(done);
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

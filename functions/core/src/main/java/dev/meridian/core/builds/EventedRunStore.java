package dev.meridian.core.builds;

import dev.meridian.core.events.BuildEvent;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventIds;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.RegistryEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A region's {@link RunStore} that appends a {@code build} event to the same region's event log
 * after each write that changed a run's phase (docs/webhooks.md "Build events"): {@code queued}
 * after a run record is created, {@code started} after {@code Queued → Running}, {@code
 * succeeded}, {@code failed} ({@code Failed}, {@code Timeout}, {@code Error}) or {@code canceled}
 * after the terminal transition. Every writer of runs — the enqueuer, the runner, whichever
 * executor drives it, cancel, lease expiry — goes through {@link #create} and {@link #transition},
 * so none of them needs to know about events; and the log is the one every consumer reads
 * (webhooks, base-image triggers, the event bus).
 *
 * <p>Only the write that won appends (the store's conditions decide), and the event id is stable
 * per (region, run, phase), so a retried append is recorded once. An append that fails is logged
 * and does not undo the run's change: the run's state is what counts.
 */
public final class EventedRunStore implements RunStore {
  private static final System.Logger LOG = System.getLogger(EventedRunStore.class.getName());

  private final RunStore runs;
  private final EventLog log;
  private final String regionName;
  private final Clock clock;

  public EventedRunStore(RunStore runs, EventLog log, String regionName, Clock clock) {
    this.runs = runs;
    this.log = log;
    this.regionName = regionName;
    this.clock = clock;
  }

  @Override
  public RunId claimToken(String clientToken, RunId id) {
    return runs.claimToken(clientToken, id);
  }

  @Override
  public Optional<RunId> tokenOwner(String clientToken) {
    return runs.tokenOwner(clientToken);
  }

  @Override
  public boolean create(BuildRun run) {
    boolean created = runs.create(run);
    if (created) {
      record(run);
    }
    return created;
  }

  @Override
  public Optional<BuildRun> get(RunId id) {
    return runs.get(id);
  }

  @Override
  public boolean transition(BuildRun next, RunStatus expected) {
    boolean moved = runs.transition(next, expected);
    if (moved) {
      record(next);
    }
    return moved;
  }

  @Override
  public List<BuildRun> list(RunStatus status, int top) {
    return runs.list(status, top);
  }

  @Override
  public int active(int limit) {
    return runs.active(limit);
  }

  /** The phase a run in {@code status} is in, as build events name it. */
  static String phase(RunStatus status) {
    return switch (status) {
      case QUEUED -> "queued";
      case RUNNING -> "started";
      case SUCCEEDED -> "succeeded";
      case CANCELED -> "canceled";
      case FAILED, TIMEOUT, ERROR -> "failed";
    };
  }

  private void record(BuildRun run) {
    try {
      log.append(event(run));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "run " + run.id() + ": build event " + phase(run.status())
          + " not recorded in " + regionName + ": " + e.getMessage());
    }
  }

  private RegistryEvent event(BuildRun run) {
    String phase = phase(run.status());
    String first = run.images().isEmpty() ? "" : run.images().get(0);
    int colon = first.lastIndexOf(':');
    boolean tagged = colon > first.lastIndexOf('/');
    List<BuildEvent.Output> outputs = run.outputs().stream()
        .map(o -> new BuildEvent.Output(o.name(), o.digest().toString())).toList();
    BuildEvent build = new BuildEvent(run.id().toString(), phase, run.status().wireName(),
        run.trigger().type(), run.trigger().detail(), run.images(), outputs, run.error());
    return new RegistryEvent(
        EventIds.of(regionName, EventAction.BUILD, "build/" + run.id() + "/" + phase), 0,
        clock.instant(), EventAction.BUILD, tagged ? first.substring(0, colon) : first,
        tagged ? first.substring(colon + 1) : null,
        outputs.isEmpty() ? null : outputs.get(0).digest(), null, -1, run.id().seed(), null,
        null, regionName, build);
  }
}

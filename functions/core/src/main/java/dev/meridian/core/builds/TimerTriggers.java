package dev.meridian.core.builds;

import dev.meridian.core.naming.Seed;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code timerBuilds} function (docs/builds.md "Timer triggers"): every region runs it on its
 * own schedule, and each tick of each timer of each task of the registry starts <b>one</b> run,
 * whichever regions see it and however often.
 *
 * <p><b>The claim.</b> At time {@code now} a timer's due tick is its latest fire time that is
 * after the task's last update and at most {@link #deadline} old. A region that finds a tick due
 * claims it in the table of the task's region (the one place every region reaches and the task
 * itself lives) with a conditional put of {@code timer#<task>} / {@code <timer>#<tick>} holding
 * its seed ({@code attribute_not_exists}). The put that lands first wins; every other region
 * reads the winner's seed back and does nothing. The winner enqueues the run as the task's own
 * region would (placement from there, the context copied from its bucket), with client token
 * {@code task.<name>.timer.<timer>.<tick epoch seconds>} claimed in that table: so a winner that
 * died between claim and enqueue, and runs again, finds its own claim and enqueues the same run —
 * never a second. A tick whose winner never comes back is missed, as a cron daemon that was down
 * misses it; ticks older than the deadline are not caught up.
 */
public final class TimerTriggers {
  private static final System.Logger LOG = System.getLogger(TimerTriggers.class.getName());
  /** How long after its time a tick may still fire (covers the schedule's period on AWS). */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
  /** Claims outlive their tick by this much (DynamoDB TTL removes them after). */
  static final Duration CLAIM_KEPT = Duration.ofDays(7);

  private final BuildEnqueuer enqueuer;
  private final Map<Seed, TaskStore> tasksBySeed;
  private final Duration deadline;
  private final Clock clock;
  /** What the last pass saw; see {@link #timersScheduled}. */
  private volatile boolean timersScheduled = true;

  /**
   * @param enqueuer this region's enqueuer (its regions: every region in seed order)
   * @param tasksBySeed every region's task store, by seed
   */
  public TimerTriggers(BuildEnqueuer enqueuer, Map<Seed, TaskStore> tasksBySeed,
      Duration deadline, Clock clock) {
    this.enqueuer = enqueuer;
    this.tasksBySeed = new LinkedHashMap<>(tasksBySeed);
    this.deadline = deadline;
    this.clock = clock;
  }

  /**
   * Fires the ticks due at {@code now} that this region wins; returns the runs it enqueued. A
   * region whose tasks cannot be read is skipped (its own schedule, or a later pass, fires them);
   * a task whose run cannot be enqueued does not stop the others, and the pass then throws, so a
   * platform retry (idempotent: claims and tokens) tries again.
   */
  public List<BuildRun> fire(Instant now) {
    List<BuildRun> runs = new ArrayList<>();
    RuntimeException failure = null;
    boolean scheduled = false;
    for (Map.Entry<Seed, TaskStore> region : tasksBySeed.entrySet()) {
      List<Task> tasks;
      try {
        tasks = region.getValue().list();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "timer triggers: tasks of region " + region.getKey()
            + " unreadable: " + e.getMessage());
        scheduled = true; // unsure
        continue;
      }
      for (Task task : tasks) {
        if (!task.enabled()) {
          continue;
        }
        for (TimerTrigger timer : task.timers()) {
          scheduled |= timer.enabled();
          try {
            BuildRun run = fire(region.getKey(), region.getValue(), task, timer, now);
            if (run != null) {
              runs.add(run);
            }
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "timer " + timer.name() + " of task " + task.name()
                + " in region " + region.getKey() + " failed: " + e.getMessage());
            failure = failure == null ? e : failure;
          }
        }
      }
    }
    timersScheduled = scheduled;
    if (failure != null) {
      throw failure;
    }
    return runs;
  }

  /**
   * Whether the last {@link #fire} found an enabled timer of an enabled task in some region, or
   * could not read some region's tasks; true before the first pass. A scheduler may pass less
   * often while false, as long as a created, enabled or updated task wakes it (local runtime).
   */
  public boolean timersScheduled() {
    return timersScheduled;
  }

  /** The tick of {@code timer} due at {@code now}, or null when none is. */
  Instant dueTick(Task task, TimerTrigger timer, Instant now) {
    if (!timer.enabled()) {
      return null;
    }
    Instant window = now.minus(deadline);
    Instant since = task.updatedAt().isAfter(window) ? task.updatedAt() : window;
    return timer.schedule().latest(since, now);
  }

  private BuildRun fire(Seed seed, TaskStore store, Task task, TimerTrigger timer, Instant now) {
    Instant tick = dueTick(task, timer, now);
    if (tick == null) {
      return null;
    }
    Seed self = enqueuer.self().seed();
    Seed holder = store.claimTick(task.name(), timer.name(), tick, self, tick.plus(CLAIM_KEPT));
    if (!holder.equals(self)) {
      return null; // another region fires this tick
    }
    // The list was read before the claim, perhaps long before (a slow pass): an update or a
    // disable since then wins. A changed task's ticks before its update are not due anyway.
    Task current = store.get(task.name()).orElse(null);
    if (current == null || !current.enabled() || current.revision() != task.revision()) {
      return null;
    }
    BuildEnqueuer home = seed.equals(self) ? enqueuer
        : new BuildEnqueuer(seed, enqueuer.regions(), clock);
    BuildRequest request =
        task.triggeredAs("timer." + timer.name() + "." + tick.getEpochSecond(), Map.of());
    // This region already won this tick and enqueued it on an earlier pass (passes closer
    // together than the schedule's period): the enqueue below only completes what a crash may
    // have cut short, and the run is not a new one to report.
    boolean replay = request.clientToken() != null
        && home.self().runs().tokenOwner(request.clientToken()).isPresent();
    BuildRun run = home.enqueue(request, new Trigger("timer", timer.name() + "@" + tick));
    store.recordRun(task.name(), new TaskStore.TaskRun(run.id(), run.createdAt()));
    return replay ? null : run;
  }
}

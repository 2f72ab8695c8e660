package dev.meridian.core.builds;

import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.oci.Digest;
import java.util.List;

/**
 * The {@code triggerBuilds} function: reads the region's event log after the
 * task store's cursor, and for each {@code push} that moved a tag — a local push or an arrival
 * from a peer, both land in this log — enqueues one run of every task of this region whose
 * Dockerfile builds FROM that tag, with trigger {@code baseImageUpdate} and the new digest.
 *
 * <p>Exactly once per (task, base digest): the run is enqueued with client token {@code
 * task.<name>.<digest hex>}, so the enqueuer's conditional token claim makes a repeated event, a
 * retried poll or a racing second poller return the first run. The cursor moves only after the
 * page's runs are enqueued, so a crash repeats (harmlessly) and never skips. Only the region
 * holding a task sees it, so the same update arriving in three regions makes one run.
 */
public final class BaseImageTriggers {
  private static final int EVENT_PAGE = 100;

  private final EventLog log;
  private final TaskStore tasks;
  private final BuildEnqueuer enqueuer;

  public BaseImageTriggers(EventLog log, TaskStore tasks, BuildEnqueuer enqueuer) {
    this.log = log;
    this.tasks = tasks;
    this.enqueuer = enqueuer;
  }

  /**
   * Handles the events since the last poll; returns the runs it enqueued (or found enqueued).
   * Without a task that watches its base images it reads nothing else: the cursor stays where it
   * is and a task created later skips the events from before its creation (reading the log and
   * moving the cursor on every event anyway was most of a region's table traffic during a push,
   * bench/notes.md).
   */
  public List<BuildRun> poll() {
    List<BuildRun> runs = new java.util.ArrayList<>();
    List<Task> watching = tasks.list().stream()
        .filter(t -> t.baseImageTrigger() && t.enabled()).toList();
    if (watching.isEmpty()) {
      return runs;
    }
    while (true) {
      long cursor = tasks.cursor();
      List<RegistryEvent> events = log.readAfter(cursor, EVENT_PAGE);
      if (events.isEmpty()) {
        return runs;
      }
      for (RegistryEvent e : events) {
        if (e.action() != EventAction.PUSH || e.tag() == null || e.digest() == null) {
          continue;
        }
        String image = e.repository() + ":" + e.tag();
        for (Task t : watching) {
          if (t.bases().contains(image) && !t.produces(image)
              && !e.timestamp().isBefore(t.createdAt())) {
            Digest base = Digest.parse(e.digest());
            BuildRun run = enqueuer.enqueue(t.triggeredBy(base),
                new Trigger("baseImageUpdate", e.digest()));
            tasks.recordRun(t.name(), new TaskStore.TaskRun(run.id(), run.createdAt()));
            runs.add(run);
          }
        }
      }
      if (!tasks.advanceCursor(cursor, events.get(events.size() - 1).sequence())) {
        return runs; // another poller moved it; what it enqueued and we did is deduplicated
      }
    }
  }
}

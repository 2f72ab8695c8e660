package dev.meridian.core.builds;

import dev.meridian.core.naming.Seed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One region's build tasks, their timer claims and run history, and its base-image trigger
 * cursor (its table). Implementations pass {@code TaskStoreContract}.
 */
public interface TaskStore {

  /** Stores a new task; false, writing nothing, when one with its name exists. */
  boolean create(Task task);

  Optional<Task> get(String name);

  /** Every task, by name. */
  List<Task> list();

  /**
   * Replaces the task with {@code next} iff the stored one has revision {@code next.revision() -
   * 1}: of racing updates exactly one applies. False when it had moved on or is gone.
   */
  boolean update(Task next);

  /**
   * Removes the task; false when there was none. Its run history stays (the runs are the
   * region's, listed by {@code GET /meridian/v1/builds}); timer claims expire on their own.
   */
  boolean delete(String name);

  /** The last event sequence the triggers have handled (0 at first). */
  long cursor();

  /** Moves the cursor from {@code expected} to {@code next}; false when it was not at expected. */
  boolean advanceCursor(long expected, long next);

  /**
   * Claims timer {@code timer}'s tick {@code tick} of task {@code task} for the region with seed
   * {@code seed} by a conditional put: the first claim wins, forever (until {@code expiresAt},
   * after which the item may be removed). Returns the seed that holds the claim.
   */
  Seed claimTick(String task, String timer, Instant tick, Seed seed, Instant expiresAt);

  /** Records that {@code run} is a run of {@code task} (idempotent: a run is listed once). */
  void recordRun(String task, TaskRun run);

  /** Up to {@code top} of {@code task}'s runs, newest first. */
  List<TaskRun> history(String task, int top);

  /** A run of a task in its history: its ID and when it was enqueued. */
  record TaskRun(RunId runId, Instant createdAt) {}
}

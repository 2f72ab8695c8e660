package dev.meridian.core.builds;

import java.util.List;
import java.util.Optional;

/** One region's build tasks and its base-image trigger cursor (its table). */
public interface TaskStore {

  /** Stores a new task; false, writing nothing, when one with its name exists. */
  boolean create(Task task);

  Optional<Task> get(String name);

  /** Every task, by name. */
  List<Task> list();

  /** The last event sequence the triggers have handled (0 at first). */
  long cursor();

  /** Moves the cursor from {@code expected} to {@code next}; false when it was not at expected. */
  boolean advanceCursor(long expected, long next);
}

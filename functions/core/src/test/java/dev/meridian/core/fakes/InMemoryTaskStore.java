package dev.meridian.core.fakes;

import dev.meridian.core.builds.Task;
import dev.meridian.core.builds.TaskStore;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** {@link TaskStore} in memory, with DynamoDbTaskStore's conditional semantics. */
public final class InMemoryTaskStore implements TaskStore {
  private final TreeMap<String, Task> tasks = new TreeMap<>();
  private long cursor;

  @Override
  public synchronized boolean create(Task task) {
    return tasks.putIfAbsent(task.name(), task) == null;
  }

  @Override
  public synchronized Optional<Task> get(String name) {
    return Optional.ofNullable(tasks.get(name));
  }

  @Override
  public synchronized List<Task> list() {
    return List.copyOf(tasks.values());
  }

  @Override
  public synchronized long cursor() {
    return cursor;
  }

  @Override
  public synchronized boolean advanceCursor(long expected, long next) {
    if (cursor != expected) {
      return false;
    }
    cursor = next;
    return true;
  }
}

package dev.meridian.core.fakes;

import dev.meridian.core.builds.Task;
import dev.meridian.core.builds.TaskStore;
import dev.meridian.core.naming.Seed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link TaskStore} in memory, with DynamoDbTaskStore's conditional semantics. */
public final class InMemoryTaskStore implements TaskStore {
  private final TreeMap<String, Task> tasks = new TreeMap<>();
  private final Map<String, Seed> claims = new HashMap<>();
  private final Map<String, Map<String, TaskRun>> history = new HashMap<>();
  private long cursor;

  @Override
  public synchronized boolean update(Task next) {
    Task current = tasks.get(next.name());
    if (current == null || current.revision() != next.revision() - 1) {
      return false;
    }
    tasks.put(next.name(), next);
    return true;
  }

  @Override
  public synchronized boolean delete(String name) {
    return tasks.remove(name) != null;
  }

  @Override
  public synchronized Seed claimTick(String task, String timer, Instant tick, Seed seed,
      Instant expiresAt) {
    return claims.computeIfAbsent(task + "/" + timer + "/" + tick, k -> seed);
  }

  @Override
  public synchronized void recordRun(String task, TaskRun run) {
    history.computeIfAbsent(task, k -> new HashMap<>()).putIfAbsent(run.runId().toString(), run);
  }

  @Override
  public synchronized List<TaskRun> history(String task, int top) {
    List<TaskRun> runs = new ArrayList<>(history.getOrDefault(task, Map.of()).values());
    runs.sort(Comparator.comparing(TaskRun::createdAt).thenComparing(TaskRun::runId).reversed());
    return runs.subList(0, Math.min(top, runs.size()));
  }

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

package dev.meridian.core.fakes;

import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.RunStatus;
import dev.meridian.core.builds.RunStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One region's runs in memory; passes {@code RunStoreContract}. One lock for everything. */
public final class InMemoryRunStore implements RunStore {
  private final TreeMap<Long, BuildRun> runs = new TreeMap<>();
  private final Map<String, RunId> tokens = new HashMap<>();

  @Override
  public synchronized RunId claimToken(String clientToken, RunId id) {
    RunId held = tokens.putIfAbsent(clientToken, id);
    return held == null ? id : held;
  }

  @Override
  public synchronized Optional<RunId> tokenOwner(String clientToken) {
    return Optional.ofNullable(tokens.get(clientToken));
  }

  @Override
  public synchronized boolean create(BuildRun run) {
    return runs.putIfAbsent(run.id().sequence(), run) == null;
  }

  @Override
  public synchronized Optional<BuildRun> get(RunId id) {
    BuildRun run = runs.get(id.sequence());
    return run != null && run.id().equals(id) ? Optional.of(run) : Optional.empty();
  }

  @Override
  public synchronized boolean transition(BuildRun next, RunStatus expected) {
    BuildRun current = runs.get(next.id().sequence());
    if (current == null || current.status() != expected) {
      return false;
    }
    runs.put(next.id().sequence(), next);
    return true;
  }

  @Override
  public synchronized List<BuildRun> list(RunStatus status, int top) {
    List<BuildRun> out = new ArrayList<>();
    for (BuildRun run : runs.descendingMap().values()) {
      if (out.size() == top) {
        break;
      }
      if (status == null || run.status() == status) {
        out.add(run);
      }
    }
    return out;
  }

  @Override
  public synchronized int active(int limit) {
    return (int) Math.min(limit,
        runs.values().stream().filter(r -> !r.status().isTerminal()).count());
  }
}

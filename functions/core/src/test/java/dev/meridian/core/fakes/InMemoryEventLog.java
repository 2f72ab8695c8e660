package dev.meridian.core.fakes;

import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.RegistryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory event log; passes {@code EventLogContract}. One lock: appends are serialized. */
public final class InMemoryEventLog implements EventLog {
  private final List<RegistryEvent> events = new ArrayList<>();
  private final Map<String, RegistryEvent> byId = new HashMap<>();
  private long reads;

  @Override
  public synchronized Appended append(RegistryEvent draft) {
    RegistryEvent held = byId.get(draft.id());
    if (held != null) {
      return new Appended(held, false);
    }
    RegistryEvent event = draft.withSequence(events.size() + 1L);
    events.add(event);
    byId.put(event.id(), event);
    return new Appended(event, true);
  }

  @Override
  public synchronized List<RegistryEvent> readAfter(long afterSequence, int limit) {
    reads++;
    int from = (int) Math.min(Math.max(afterSequence, 0), events.size());
    return List.copyOf(events.subList(from, Math.min(events.size(), from + limit)));
  }

  @Override
  public synchronized Optional<RegistryEvent> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** How many times the log was read ({@link #readAfter}), for tests. */
  public synchronized long reads() {
    return reads;
  }

  /** Every event, for tests. */
  public synchronized List<RegistryEvent> all() {
    return List.copyOf(events);
  }
}

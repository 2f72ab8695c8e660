package dev.meridian.core.fakes;

import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.UploadSession;
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** In-memory upload sessions; passes {@code UploadSessionStoreContract}. */
public final class InMemoryUploadSessionStore implements UploadSessionStore {
  private final ConcurrentMap<String, UploadSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemoryUploadSessionStore(Clock clock) {
    this.clock = clock;
  }

  public InMemoryUploadSessionStore() {
    this(Clock.systemUTC());
  }

  @Override
  public void create(UploadSession session) {
    if (sessions.putIfAbsent(session.id(), session) != null) {
      throw new StorageException("upload session exists: " + session.id());
    }
  }

  @Override
  public Optional<UploadSession> get(String id) {
    UploadSession s = sessions.get(id);
    if (s == null || !s.expiresAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  @Override
  public Optional<UploadSession> stored(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public boolean update(UploadSession next, long expectedRevision) {
    boolean[] applied = {false};
    sessions.computeIfPresent(
        next.id(),
        (id, held) -> {
          // An expired session is gone for writers too, as for readers (port contract).
          if (held.revision() != expectedRevision || !held.expiresAt().isAfter(clock.instant())) {
            return held;
          }
          applied[0] = true;
          return next;
        });
    return applied[0];
  }

  @Override
  public List<UploadSession> expired(Instant cutoff, int limit) {
    return sessions.values().stream()
        .filter(s -> !s.expiresAt().isAfter(cutoff))
        .limit(limit)
        .toList();
  }

  @Override
  public void delete(String id) {
    sessions.remove(id);
  }
}

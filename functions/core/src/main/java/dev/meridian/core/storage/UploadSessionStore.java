package dev.meridian.core.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: upload sessions (DynamoDB in production, with a TTL on {@code expiresAt}). Updates are
 * conditional on the revision so two instances serving chunks of one upload cannot both win.
 */
public interface UploadSessionStore {

  /** Creates a session; fails with {@link StorageException} if the id exists. */
  void create(UploadSession session);

  /** The session, or empty when unknown or expired. */
  Optional<UploadSession> get(String id);

  /**
   * The session as stored, expired or not, or empty when unknown. Only the sweeper of abandoned
   * uploads needs this view ({@link #get} is what serves requests).
   */
  Optional<UploadSession> stored(String id);

  /**
   * Replaces the session iff the stored revision equals {@code expectedRevision}. Returns false
   * (and changes nothing) when it does not, or when the session is gone.
   */
  boolean update(UploadSession next, long expectedRevision);

  /**
   * Claims the live session for the request that completes it: its revision moves on by one and
   * its expiry to {@code expiresAt}, atomically, and the session is returned as it is then; empty
   * when it is unknown or expired. Every claim sees its own revision, so a request that read the
   * session before a claim loses its {@link #update}. One round trip where the store allows it
   * (a read and a conditional write were two on every upload's closing PUT).
   */
  default Optional<UploadSession> claim(String id, Instant expiresAt) {
    while (true) {
      Optional<UploadSession> current = get(id);
      if (current.isEmpty()) {
        return current;
      }
      UploadSession next = current.get().claimed(expiresAt);
      if (update(next, current.get().revision())) {
        return Optional.of(next);
      }
    }
  }

  /**
   * Sessions still stored that expired at or before {@code cutoff}, at most {@code limit}, in no
   * particular order. {@link #get} hides them; DynamoDB's TTL deletes them late on AWS and never
   * on DynamoDB Local, so the sweeper of abandoned uploads finds them here to clean up their parts.
   */
  List<UploadSession> expired(Instant cutoff, int limit);

  /** Deletes; deleting an unknown session is success. */
  void delete(String id);
}

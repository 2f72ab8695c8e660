package dev.meridian.core.storage;

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
   * Replaces the session iff the stored revision equals {@code expectedRevision}. Returns false
   * (and changes nothing) when it does not, or when the session is gone.
   */
  boolean update(UploadSession next, long expectedRevision);

  /** Deletes; deleting an unknown session is success. */
  void delete(String id);
}

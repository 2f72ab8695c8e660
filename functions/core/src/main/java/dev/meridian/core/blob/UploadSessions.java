package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.UploadSession;
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates, finds and advances upload sessions. A session is found only by its id, in the
 * repository it was started for, before it expires; anything else is {@code BLOB_UPLOAD_UNKNOWN}
 * (404), as the spec asks for an unknown {@code session_id}. Ids are random UUIDs and are checked
 * before use, because they become part of storage keys.
 */
final class UploadSessions {

  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final UploadSessionStore store;
  private final Clock clock;
  private final Duration ttl;
  private final SessionLocations locations;

  UploadSessions(UploadSessionStore store, Clock clock, Duration ttl) {
    this(store, clock, ttl, SessionLocations.relative());
  }

  UploadSessions(UploadSessionStore store, Clock clock, Duration ttl,
      SessionLocations locations) {
    this.store = store;
    this.clock = clock;
    this.ttl = ttl;
    this.locations = locations;
  }

  /** The session's {@code Location} (absolute and signed when the region is configured so). */
  String location(UploadSession session) {
    return locations.session(session.repository(), session.id());
  }

  /** A new, empty session value; not yet stored (a monolithic POST never stores it). */
  UploadSession fresh(RepositoryName repository) {
    var now = clock.instant();
    return new UploadSession(UUID.randomUUID().toString(), repository, null, List.of(), 0, 0,
        null, 0, now, now.plus(ttl));
  }

  /** Stores a session made from {@link #fresh} (a direct upload's, with its multipart upload). */
  void store(UploadSession session) {
    store.create(session);
  }

  UploadSession create(RepositoryName repository) {
    UploadSession session = fresh(repository);
    store.create(session);
    return session;
  }

  /** The live session {@code id} of {@code repository}, or {@code BLOB_UPLOAD_UNKNOWN}. */
  UploadSession require(RepositoryName repository, String id) {
    if (!ID.matcher(id).matches()) {
      throw unknown(id);
    }
    UploadSession session = store.get(id).orElseThrow(() -> unknown(id));
    // The store should hide expired sessions, but DynamoDB's TTL deletes lazily: check again.
    if (!session.repository().equals(repository) || !session.expiresAt().isAfter(clock.instant())) {
      throw unknown(id);
    }
    return session;
  }

  /**
   * Claims the live session {@code id} of {@code repository} for its completing request
   * ({@link UploadSessionStore#claim}: revision + 1, expiry pushed out, one round trip), or
   * {@code BLOB_UPLOAD_UNKNOWN}. A claim of another repository's session is refused after the
   * fact; it only moved that session's revision, and the signed Location already tied the id to
   * its repository.
   */
  UploadSession claim(RepositoryName repository, String id) {
    if (!ID.matcher(id).matches()) {
      throw unknown(id);
    }
    UploadSession session = store.claim(id, clock.instant().plus(ttl))
        .orElseThrow(() -> unknown(id));
    if (!session.repository().equals(repository)) {
      throw unknown(id);
    }
    return session;
  }

  /**
   * Stores {@code next} (revision + 1, expiry pushed out: the TTL counts idle time) iff the
   * stored revision is still {@code current}'s; returns the stored value, or null on a lost race.
   */
  UploadSession advance(UploadSession current, UploadSession next) {
    UploadSession stored = new UploadSession(next.id(), next.repository(),
        next.multipartUploadId(), next.parts(), next.tailSize(), next.size(), next.hashedDigest(),
        current.revision() + 1, next.createdAt(), clock.instant().plus(ttl), next.direct());
    return store.update(stored, current.revision()) ? stored : null;
  }

  /**
   * The answer to a request that lost a race with another request on the same session: 416
   * with the session's current progress, so the client can resume from there (spec: "If a chunk
   * is uploaded out of order, the registry MUST respond with a 416").
   */
  RegistryException conflict(RepositoryName repository, String id) {
    UploadSession now = require(repository, id);
    return outOfOrder(now, "another request changed upload " + id + " concurrently");
  }

  RegistryException outOfOrder(UploadSession session, String message) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Location", location(session));
    headers.put("Docker-Upload-UUID", session.id());
    String range = UploadLocation.progress(session.size());
    if (range != null) {
      headers.put("Range", range);
    }
    return new RegistryException(ErrorKind.UPLOAD_OUT_OF_ORDER, message, null, headers);
  }

  void delete(String id) {
    store.delete(id);
  }

  private static RegistryException unknown(String id) {
    return new RegistryException(ErrorKind.BLOB_UPLOAD_UNKNOWN,
        "upload " + (id.length() <= 40 ? id : id.substring(0, 37) + "...")
            + " is unknown or expired");
  }
}

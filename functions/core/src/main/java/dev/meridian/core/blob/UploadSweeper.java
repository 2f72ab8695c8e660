package dev.meridian.core.blob;

import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.OpenMultipart;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import dev.meridian.core.storage.UploadSessionStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cleans up abandoned uploads: what CNCF distribution's {@code maintenance.uploadpurging} does,
 * and what a bucket lifecycle rule ({@code AbortIncompleteMultipartUpload}) plus DynamoDB's TTL do
 * on AWS. The local runtime runs it, because s3proxy has no lifecycle rules and DynamoDB Local no
 * TTL: without it, every abandoned chunked push would keep its parts on disk for good.
 *
 * <p>Two kinds of garbage, both only once they are older than {@code grace}:
 *
 * <ol>
 *   <li><b>Expired sessions</b> ({@link UploadSessionStore#expired}): their multipart upload is
 *       aborted, their staging objects ({@link StorageLayout#uploadData}, {@link
 *       StorageLayout#uploadTail}) deleted, then the session. An expired session can never be
 *       written again (updates are conditional on it being unexpired), so nothing revives it.
 *   <li><b>Orphaned multipart uploads</b> under {@code _uploads/} that no live session records:
 *       a request started one and lost the race for the session, or the cleanup of a finished or
 *       cancelled upload failed half-way ({@code UploadFinisher.discard} is best effort).
 * </ol>
 *
 * <p>Why {@code grace} = the upload TTL is safe for orphans: a request records the multipart it
 * started with an update conditional on the session being unexpired, and the session it read
 * expires one TTL after its last update, which preceded the request. So a multipart started more
 * than one TTL ago is either recorded by now or never will be. For expired sessions the same grace
 * lets a request that read the session just before it expired finish failing on its own terms
 * ({@code BLOB_UPLOAD_UNKNOWN}) rather than on a part aborted under it.
 */
public final class UploadSweeper {

  private static final System.Logger LOG = System.getLogger(UploadSweeper.class.getName());
  /** Sessions or multipart uploads handled per round; rounds repeat while a round is full. */
  static final int BATCH = 100;
  /** Caps one sweep's work so a huge backlog cannot hold the caller; the next sweep goes on. */
  static final int MAX_ROUNDS = 50;

  /** What one sweep removed. */
  public record Report(int expiredSessions, int orphanedMultiparts) {}

  private final UploadSessionStore sessions;
  private final ObjectStore objects;
  private final Clock clock;
  private final Duration grace;

  public UploadSweeper(UploadSessionStore sessions, ObjectStore objects, Clock clock,
      Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    this.sessions = sessions;
    this.objects = objects;
    this.clock = clock;
    this.grace = grace;
  }

  /**
   * One sweep. A storage failure is logged and what it stopped is left for the next sweep: an
   * item's cleanup, or the rest of a pass when listing fails.
   */
  public Report sweep() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(grace);
    int expired = 0;
    int orphans = 0;
    try {
      expired = sweepExpiredSessions(cutoff);
    } catch (StorageException e) {
      LOG.log(Level.WARNING, "listing expired upload sessions failed", e);
    }
    try {
      orphans = sweepOrphanedMultiparts(now, cutoff);
    } catch (StorageException e) {
      LOG.log(Level.WARNING, "listing open multipart uploads failed", e);
    }
    if (expired > 0 || orphans > 0) {
      LOG.log(Level.INFO, "upload sweep removed " + expired + " expired sessions and " + orphans
          + " orphaned multipart uploads");
    }
    return new Report(expired, orphans);
  }

  private int sweepExpiredSessions(Instant cutoff) {
    int removed = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<UploadSession> batch = sessions.expired(cutoff, BATCH);
      int before = removed;
      for (UploadSession session : batch) {
        if (discard(session)) {
          removed++;
        }
      }
      // A short batch is the end; a batch where nothing could be removed would come back as is.
      if (batch.size() < BATCH || removed == before) {
        break;
      }
    }
    return removed;
  }

  /** Staging objects first, the session last: a failure leaves the session to find again. */
  private boolean discard(UploadSession session) {
    String data = StorageLayout.uploadData(session.id());
    try {
      if (session.multipartUploadId() != null) {
        objects.abortMultipart(data, session.multipartUploadId());
      }
      objects.delete(data);
      objects.delete(StorageLayout.uploadTail(session.id()));
      sessions.delete(session.id());
      return true;
    } catch (StorageException e) {
      LOG.log(Level.WARNING, "sweeping expired upload " + session.id() + " failed", e);
      return false;
    }
  }

  private int sweepOrphanedMultiparts(Instant now, Instant cutoff) {
    int aborted = 0;
    String after = null;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<OpenMultipart> batch = objects.listMultipart(StorageLayout.UPLOADS_PREFIX, after, BATCH);
      for (OpenMultipart upload : batch) {
        if (upload.initiated().isBefore(cutoff) && !recorded(upload, now) && abort(upload)) {
          aborted++;
        }
      }
      if (batch.size() < BATCH) {
        break;
      }
      // Paging on by key can skip a second upload of the page's last key (only a lost race
      // makes two); page boundaries move between sweeps, so a later sweep finds it.
      after = batch.get(batch.size() - 1).key();
    }
    return aborted;
  }

  /**
   * Whether a session still answers for this multipart upload: a live session that holds it as
   * its own, or an expired one not yet swept (its grace runs from its expiry, and the first pass
   * removes it with its multipart upload once that has passed).
   */
  private boolean recorded(OpenMultipart upload, Instant now) {
    String id = StorageLayout.uploadSessionOf(upload.key());
    Optional<UploadSession> session = id == null ? Optional.empty() : sessions.stored(id);
    if (session.isEmpty()) {
      return false;
    }
    return !session.get().expiresAt().isAfter(now)
        || upload.uploadId().equals(session.get().multipartUploadId());
  }

  private boolean abort(OpenMultipart upload) {
    try {
      objects.abortMultipart(upload.key(), upload.uploadId());
      return true;
    } catch (StorageException e) {
      LOG.log(Level.WARNING, "aborting orphaned multipart upload " + upload.uploadId() + " of "
          + upload.key() + " failed", e);
      return false;
    }
  }
}

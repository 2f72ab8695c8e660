package dev.meridian.core.lifecycle.locks;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.lifecycle.rules.ImmutableTagRule;
import dev.meridian.core.lifecycle.rules.LifecycleConfig;
import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.manifest.ManifestGuard;
import dev.meridian.core.manifest.TagRecordJson;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BucketListing;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Locks (ACR's {@code writeEnabled}, {@code deleteEnabled}, {@code readEnabled}, {@code
 * listEnabled} on a repository, a tag or a manifest) and immutable-tag rules (ECR's {@code
 * IMMUTABLE} and {@code IMMUTABLE_WITH_EXCLUSION}), enforced at this region's edge and on every
 * tag record replication applies here (docs/retention-and-locks.md).
 *
 * <p>Writes, deletes and replicated tag arrivals read the configuration afresh (one listing of
 * this bucket's {@code _lifecycle/} prefix; the items themselves are cached, being immutable): a lock stored everywhere before its API call answered refuses every later
 * push in every region. Reads and listings use a snapshot at most {@link #READ_STALENESS} old,
 * so a pull costs no extra storage call.
 */
public final class LockRules implements ManifestGuard {
  static final Duration READ_STALENESS = Duration.ofSeconds(2);

  private final LifecycleConfig config;
  private final ObjectStore objects;
  private final Clock clock;
  private volatile Snapshot cached;
  private final Object refreshLock = new Object();

  public LockRules(LifecycleConfig config, ObjectStore objects, Clock clock) {
    this.config = config;
    this.objects = objects;
    this.clock = clock;
  }

  /** The locks and immutability rules at one moment. */
  public record Snapshot(List<Lock> locks, List<ImmutableTagRule> immutability, Instant at) {

    Optional<Lock> repository(RepositoryName r) {
      return find(Lock.id(r, null, null));
    }

    Optional<Lock> tag(RepositoryName r, String tag) {
      return tag == null ? Optional.empty() : find(Lock.id(r, tag, null));
    }

    Optional<Lock> manifest(RepositoryName r, Digest d) {
      return d == null ? Optional.empty() : find(Lock.id(r, null, d));
    }

    Optional<ImmutableTagRule> immutable(RepositoryName r, String tag) {
      return immutability.stream().filter(i -> i.covers(r.value(), tag)).findFirst();
    }

    /** The policy replication enforces for a tag, or null when the tag is not guarded. */
    TagPolicy policy(RepositoryName r, String tag) {
      Optional<Lock> lock = tag(r, tag).filter(l -> !l.writeEnabled() && l.pinned() != null);
      if (lock.isPresent()) {
        return new TagPolicy.Pinned(lock.get());
      }
      return immutable(r, tag).map(TagPolicy.Immutable::new).orElse(null);
    }

    private Optional<Lock> find(String id) {
      return locks.stream().filter(l -> l.id().equals(id)).findFirst();
    }
  }

  /** The configuration now (a listing of this region's bucket). */
  public Snapshot fresh() {
    LifecycleConfig.Guards g = config.guards();
    Snapshot s = new Snapshot(g.locks(), g.immutability(), clock.instant());
    cached = s;
    return s;
  }

  Snapshot recent() {
    Snapshot s = cached;
    if (isRecent(s)) {
      return s;
    }
    // One refresh at a time: the snapshot expires under every in-flight pull at once, and each
    // would otherwise list the _lifecycle/ prefix for the same answer.
    synchronized (refreshLock) {
      s = cached;
      return isRecent(s) ? s : fresh();
    }
  }

  private boolean isRecent(Snapshot s) {
    return s != null && !s.at().plus(READ_STALENESS).isBefore(clock.instant());
  }

  @Override
  public void checkPush(RepositoryName repository, String tag, Digest digest,
      Optional<TagRecord> held) {
    Snapshot s = fresh();
    Optional<Lock> repo = s.repository(repository).filter(l -> !l.writeEnabled());
    if (repo.isPresent()) {
      throw LockRefusals.locked(repo.get(), "writeEnabled", ErrorKind.DENIED);
    }
    if (tag == null) {
      return;
    }
    Digest current = held.filter(h -> !h.isDeleted()).map(TagRecord::digest).orElse(null);
    if (digest.equals(current)) {
      return; // the tag already points there: a re-push changes nothing a lock protects
    }
    Optional<Lock> tagLock = s.tag(repository, tag).filter(l -> !l.writeEnabled());
    if (tagLock.isPresent()) {
      throw LockRefusals.locked(tagLock.get(), "writeEnabled", ErrorKind.LOCKED);
    }
    Optional<Lock> from = s.manifest(repository, current).filter(l -> !l.writeEnabled());
    if (from.isPresent()) {
      throw LockRefusals.locked(from.get(), "writeEnabled", ErrorKind.LOCKED);
    }
    Optional<ImmutableTagRule> rule = s.immutable(repository, tag);
    if (rule.isPresent() && current != null) {
      throw LockRefusals.immutable(repository.value(), tag, rule.get());
    }
  }

  @Override
  public void checkTagDelete(RepositoryName repository, String tag, Digest digest) {
    Snapshot s = fresh();
    refuseDelete(s.repository(repository));
    refuseDelete(s.tag(repository, tag));
    refuseDelete(s.manifest(repository, digest));
  }

  @Override
  public void checkManifestDelete(RepositoryName repository, Digest digest,
      List<TagRecord> pointing) {
    Snapshot s = fresh();
    refuseDelete(s.repository(repository));
    refuseDelete(s.manifest(repository, digest));
    for (TagRecord t : pointing) {
      refuseDelete(s.tag(repository, t.tag()));
      // The delete would tombstone the tag: a tag whose writes are locked cannot lose its digest.
      Optional<Lock> writeLocked = s.tag(repository, t.tag()).filter(l -> !l.writeEnabled());
      if (writeLocked.isPresent()) {
        throw LockRefusals.locked(writeLocked.get(), "writeEnabled", ErrorKind.DENIED);
      }
    }
  }

  @Override
  public void checkRead(RepositoryName repository, String tag, Digest digest) {
    Snapshot s = recent();
    for (Optional<Lock> l : List.of(s.repository(repository), s.tag(repository, tag),
        s.manifest(repository, digest))) {
      if (l.isPresent() && !l.get().readEnabled()) {
        throw LockRefusals.locked(l.get(), "readEnabled", ErrorKind.DENIED);
      }
    }
  }

  @Override
  public void checkList(RepositoryName repository) {
    Optional<Lock> l = recent().repository(repository).filter(x -> !x.listEnabled());
    if (l.isPresent()) {
      throw LockRefusals.locked(l.get(), "listEnabled", ErrorKind.DENIED);
    }
  }

  @Override
  public Arbitration arbitrate(RepositoryName repository, TagRecord incoming,
      Supplier<Optional<TagRecord>> heldNow) {
    TagPolicy policy = fresh().policy(repository, incoming.tag());
    if (policy == null) {
      return Arbitration.ADMIT;
    }
    TagRecord winner = policy.winner(records(repository, incoming.tag()));
    if (winner == null) {
      return Arbitration.ADMIT;
    }
    Optional<TagRecord> held = heldNow.get();
    boolean admit = TagPolicy.sameState(incoming, winner);
    boolean heldAgrees = held.isPresent() && TagPolicy.sameState(held.get(), winner);
    boolean incomingWillWin = admit
        && (held.isEmpty() || incoming.version().isNewerThan(held.get().version()));
    return new Arbitration(admit, heldAgrees || incomingWillWin ? null : winner);
  }

  /**
   * For the enforcement sweep: the state a guarded tag must hold, or null when it is not guarded
   * (or no record says anything).
   */
  public TagRecord required(Snapshot s, RepositoryName repository, String tag) {
    TagPolicy policy = s.policy(repository, tag);
    return policy == null ? null : policy.winner(records(repository, tag));
  }

  /** Every record of the tag this bucket holds (one listing and a read each). */
  List<TagRecord> records(RepositoryName repository, String tag) {
    List<TagRecord> records = new ArrayList<>();
    for (String key : BucketListing.keys(objects, StorageLayout.tagRecordPrefix(repository, tag))) {
      objects.get(key).ifPresent(c -> records.add(decode(c)));
    }
    return records;
  }

  private static TagRecord decode(ObjectContent content) {
    try (content) {
      return TagRecordJson.decode(content.stream().readAllBytes());
    } catch (IOException e) {
      throw new StorageException("cannot read tag record " + content.info().key(), e);
    }
  }

  private static void refuseDelete(Optional<Lock> lock) {
    if (lock.isPresent() && !lock.get().deleteEnabled()) {
      throw LockRefusals.locked(lock.get(), "deleteEnabled", ErrorKind.DENIED);
    }
  }
}

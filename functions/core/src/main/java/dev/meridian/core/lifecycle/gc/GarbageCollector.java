package dev.meridian.core.lifecycle.gc;

import dev.meridian.core.lifecycle.rules.Retained;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.storage.ManifestState;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code gc} function's core for one region: online garbage collection, with no read-only
 * window (docs/lifecycle.md). One run:
 *
 * <ol>
 *   <li><b>scan</b> ({@link ReferenceScan}): every blob and manifest object of the bucket against
 *       every manifest indexed here or in a peer; the plan is what is unreferenced and older than
 *       the grace period;
 *   <li><b>condemn</b> each planned blob with a conditional write that fails if a push has used it
 *       since the cutoff ({@link dev.meridian.core.storage.BlobGcIndex});
 *   <li><b>commit and delete</b>: a condemnation a push has not cleared since becomes a deletion,
 *       then the object, the repositories' links and the record go. A push that claims the blob
 *       in between wins, and the blob is kept ({@code blobsKept});
 *   <li>delete the objects of deleted manifests that every region has let go, re-checking after
 *       each delete so that a racing re-push of the same digest keeps its bytes.
 * </ol>
 *
 * A dry run stops after the scan. Each run's report is kept in the bucket ({@link GcRunStore}).
 */
public final class GarbageCollector {
  private static final System.Logger LOG = System.getLogger(GarbageCollector.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Region self;
  private final ReferenceScan scan;
  private final GcSettings settings;
  private final GcRunStore runs;
  private final Clock clock;
  private final Runnable beforeDelete;

  public GarbageCollector(ReplicaSet replicas, Seed selfSeed, Retained retained,
      GcSettings settings, Clock clock) {
    this(replicas, selfSeed, retained, settings, clock, () -> {});
  }

  /**
   * As above; {@code beforeDelete} runs between the condemnation and the first deletion (tests
   * inject a pause there to race a push against the run).
   */
  public GarbageCollector(ReplicaSet replicas, Seed selfSeed, Retained retained,
      GcSettings settings, Clock clock, Runnable beforeDelete) {
    this.self = replicas.region(selfSeed);
    this.scan = new ReferenceScan(replicas, selfSeed, retained, clock);
    this.settings = settings;
    this.runs = new GcRunStore(self.objects(), settings.runsKept());
    this.clock = clock;
    this.beforeDelete = beforeDelete;
  }

  /** The seed of the region this collector collects. */
  public Seed seed() {
    return self.seed();
  }

  public GcRunStore runs() {
    return runs;
  }

  public GcRun run(boolean dryRun) {
    Instant started = clock.instant();
    String id = started.toEpochMilli() + "-" + HexFormat.of().formatHex(randomBytes());
    Instant cutoff = started.minus(settings.grace());
    GcPlan plan = scan.plan(cutoff);
    GcRun run = dryRun ? report(id, true, started, plan, plan.blobs(), plan.manifests(), 0)
        : collect(id, started, cutoff, plan);
    runs.record(run);
    LOG.log(Level.INFO, "{0}: gc {1}{2}: {3} blobs, {4} manifests, {5} bytes", self.name(), id,
        dryRun ? " (dry run)" : "", run.blobsDeleted(), run.manifestsDeleted(), run.bytesFreed());
    return run;
  }

  private GcRun collect(String id, Instant started, Instant cutoff, GcPlan plan) {
    List<GcPlan.ManifestCandidate> manifests = new ArrayList<>();
    for (GcPlan.ManifestCandidate m : plan.manifests()) {
      if (deleteManifest(m)) {
        manifests.add(m);
      }
    }
    List<GcPlan.Candidate> condemned = plan.blobs().stream()
        .filter(c -> self.index().condemnBlob(c.digest(), id, cutoff)).toList();
    if (!condemned.isEmpty()) {
      beforeDelete.run();
    }
    List<GcPlan.Candidate> deleted = new ArrayList<>();
    for (GcPlan.Candidate c : condemned) {
      if (!self.index().commitBlobDeletion(c.digest(), id, clock.instant())) {
        continue; // claimed by a push since it was condemned: kept
      }
      self.objects().delete(StorageLayout.blob(c.digest()));
      for (RepositoryName repository : plan.linkedBy().getOrDefault(c.digest(), Set.of())) {
        self.index().unlinkBlob(repository, c.digest());
      }
      self.index().forgetBlob(c.digest());
      deleted.add(c);
    }
    int kept = plan.blobs().size() - deleted.size();
    return report(id, false, started, plan, deleted, manifests, kept);
  }

  /**
   * Deletes a deleted manifest's object, then looks again: a push of the same digest that found
   * the object still there did not write it, and checks for it only after indexing the manifest
   * (ManifestStore), so if it indexed before this look the bytes are put back here, and if
   * after, the push writes them itself. Returns whether the object stayed deleted.
   */
  private boolean deleteManifest(GcPlan.ManifestCandidate m) {
    String key = StorageLayout.manifest(m.repository(), m.digest());
    Optional<ObjectContent> content = self.objects().get(key);
    if (content.isEmpty()) {
      return false;
    }
    byte[] bytes;
    try (ObjectContent c = content.get()) {
      bytes = c.stream().readAllBytes();
    } catch (IOException e) {
      throw new StorageException("reading manifest " + key + " failed", e);
    }
    self.objects().delete(key);
    if (self.index().getManifest(m.repository(), m.digest()).isPresent()
        || ManifestState.read(self.objects(), m.repository(), m.digest()).live()) {
      self.objects().putIfAbsent(key, bytes, content.get().info().contentType(),
          content.get().info().metadata());
      return false;
    }
    return true;
  }

  private GcRun report(String id, boolean dryRun, Instant started, GcPlan plan,
      List<GcPlan.Candidate> blobs, List<GcPlan.ManifestCandidate> manifests, int kept) {
    long bytes = blobs.stream().mapToLong(GcPlan.Candidate::size).sum()
        + manifests.stream().mapToLong(GcPlan.ManifestCandidate::size).sum();
    return new GcRun(id, self.name(), dryRun, started, clock.instant(), plan.manifestsSeen(),
        plan.blobsSeen(), blobs.size(), manifests.size(), bytes, kept, plan.adopted(),
        blobs.stream().map(c -> c.digest().toString()).toList(),
        manifests.stream().map(m -> m.repository().value() + "@" + m.digest()).toList());
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[3];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}

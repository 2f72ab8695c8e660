package dev.meridian.core.lifecycle.gc;

import dev.meridian.core.lifecycle.rules.Retained;
import dev.meridian.core.manifest.ManifestParser;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.storage.BlobLink;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.ManifestState;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.Page;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageKeys;
import dev.meridian.core.storage.StorageLayout;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Decides what a region may collect (docs/lifecycle.md "What is garbage"). A blob is referenced
 * when a manifest names it that is
 *
 * <ul>
 *   <li>indexed in this region (in a repository here), or
 *   <li>in this bucket but not indexed here and not collectable: arriving (its newest record is a
 *       put, not yet applied), retained ({@link Retained}), or deleted here while some region
 *       still holds it, or
 *   <li>indexed in a peer region and not here: on its way here (a peer copies its blobs first).
 * </ul>
 *
 * A deleted manifest's object is collectable once its newest tombstone is in every region's
 * bucket and no region indexes it. Everything is read from the bucket and the index, cost linear
 * in the number of objects: one listing per 1,000 keys, one batch read per 100 manifests.
 */
final class ReferenceScan {
  private static final int PAGE = 1000;

  private final ReplicaSet replicas;
  private final Region self;
  private final Retained retained;
  private final Clock clock;
  private final ManifestParser parser = new ManifestParser();

  ReferenceScan(ReplicaSet replicas, Seed selfSeed, Retained retained, Clock clock) {
    this.replicas = replicas;
    this.self = replicas.region(selfSeed);
    this.retained = retained;
    this.clock = clock;
  }

  private record Ref(RepositoryName repository, Digest digest) {}

  GcPlan plan(Instant cutoff) {
    Map<RepositoryName, List<Digest>> mine = manifestObjects(self.objects(), null);
    Set<Digest> referenced = new HashSet<>();
    Set<Ref> indexedHere = new HashSet<>();
    List<Ref> unindexed = new ArrayList<>();
    int manifestsSeen = 0;
    for (Map.Entry<RepositoryName, List<Digest>> repo : mine.entrySet()) {
      manifestsSeen += repo.getValue().size();
      Map<Digest, ManifestRecord> indexed =
          self.index().getManifests(repo.getKey(), repo.getValue());
      for (Digest digest : repo.getValue()) {
        ManifestRecord record = indexed.get(digest);
        if (record != null) {
          referenced.addAll(record.blobs());
          indexedHere.add(new Ref(repo.getKey(), digest));
        } else {
          unindexed.add(new Ref(repo.getKey(), digest));
        }
      }
    }
    List<Set<String>> peerKeys = new ArrayList<>();
    Set<Ref> liveElsewhere = new HashSet<>();
    for (Region peer : replicas.peersOf(self.seed())) {
      Set<String> keys = new HashSet<>();
      Map<RepositoryName, List<Digest>> theirs = manifestObjects(peer.objects(), keys::add);
      peerKeys.add(keys);
      theirs.forEach((repository, digests) -> {
        List<Digest> notHere = digests.stream()
            .filter(d -> !indexedHere.contains(new Ref(repository, d))).toList();
        if (!notHere.isEmpty()) {
          peer.index().getManifests(repository, notHere).values().forEach(r -> {
            referenced.addAll(r.blobs());
            liveElsewhere.add(new Ref(repository, r.digest()));
          });
        }
      });
    }
    List<GcPlan.ManifestCandidate> manifests = new ArrayList<>();
    for (Ref ref : unindexed) {
      ManifestState state = ManifestState.read(self.objects(), ref.repository(), ref.digest());
      boolean collectable = !state.live() && state.newestDelete() != null
          && peerKeys.stream().allMatch(k -> k.contains(state.newestDelete().key()))
          && !liveElsewhere.contains(ref)
          && !retained.manifestRetained(ref.repository(), ref.digest());
      String key = StorageLayout.manifest(ref.repository(), ref.digest());
      if (collectable) {
        self.objects().head(key).ifPresent(info -> manifests.add(
            new GcPlan.ManifestCandidate(ref.repository(), ref.digest(), info.size())));
      } else {
        referenced.addAll(blobsOf(key));
      }
    }
    return blobs(cutoff, referenced, manifests, manifestsSeen);
  }

  private GcPlan blobs(Instant cutoff, Set<Digest> referenced,
      List<GcPlan.ManifestCandidate> manifests, int manifestsSeen) {
    List<Digest> stored = blobObjects(self.objects());
    List<Digest> unreferenced = stored.stream().filter(d -> !referenced.contains(d)).toList();
    Map<Digest, BlobRecord> records = self.index().getBlobs(unreferenced);
    List<GcPlan.Candidate> candidates = new ArrayList<>();
    int adopted = 0;
    for (Digest digest : unreferenced) {
      BlobRecord record = records.get(digest);
      if (record == null) {
        // An object the index never recorded (a copy whose manifest was never applied, an
        // upload whose index writes failed): recorded now, so its grace starts now.
        var info = self.objects().head(StorageLayout.blob(digest));
        if (info.isPresent()) {
          self.index().putBlob(new BlobRecord(digest, info.get().size(), clock.instant()));
          adopted++;
        }
      } else if (record.createdAt().isBefore(cutoff)) {
        candidates.add(new GcPlan.Candidate(digest, record.size()));
      }
    }
    return new GcPlan(candidates, manifests, linkedBy(candidates), manifestsSeen, stored.size(),
        adopted);
  }

  /** The repositories linking each candidate: every repository's links, one query per page. */
  private Map<Digest, Set<RepositoryName>> linkedBy(List<GcPlan.Candidate> candidates) {
    Map<Digest, Set<RepositoryName>> linked = new HashMap<>();
    if (candidates.isEmpty()) {
      return linked;
    }
    Set<Digest> wanted = new HashSet<>();
    candidates.forEach(c -> wanted.add(c.digest()));
    String lastRepo = null;
    while (true) {
      Page<String> repos = self.index().listRepositories(lastRepo, PAGE);
      for (String name : repos.items()) {
        RepositoryName repository = RepositoryName.parse(name);
        Digest after = null;
        while (true) {
          Page<BlobLink> links = self.index().listBlobLinks(repository, after, PAGE);
          for (BlobLink link : links.items()) {
            if (wanted.contains(link.digest())) {
              linked.computeIfAbsent(link.digest(), d -> new TreeSet<>(
                  java.util.Comparator.comparing(RepositoryName::value))).add(repository);
            }
          }
          if (!links.truncated() || links.items().isEmpty()) {
            break;
          }
          after = links.items().get(links.items().size() - 1).digest();
        }
        lastRepo = name;
      }
      if (!repos.truncated() || repos.items().isEmpty()) {
        return linked;
      }
    }
  }

  /** The blobs a manifest object names; none when it is gone or unreadable (logged by caller). */
  private List<Digest> blobsOf(String key) {
    var content = self.objects().get(key);
    if (content.isEmpty()) {
      return List.of();
    }
    try (ObjectContent c = content.get()) {
      return parser.parse(c.stream().readAllBytes(), c.info().contentType()).requiredBlobs();
    } catch (IOException e) {
      throw new StorageException("reading manifest " + key + " failed", e);
    }
  }

  /** Manifest objects under {@code repositories/}, by repository; every key to {@code keys}. */
  private static Map<RepositoryName, List<Digest>> manifestObjects(ObjectStore objects,
      Consumer<String> keys) {
    Map<RepositoryName, List<Digest>> found = new LinkedHashMap<>();
    walk(objects, StorageLayout.REPOSITORIES_PREFIX, key -> {
      if (keys != null) {
        keys.accept(key);
      }
      if (StorageKeys.parse(key) instanceof ObjectKind.Manifest m) {
        found.computeIfAbsent(m.repository(), r -> new ArrayList<>()).add(m.digest());
      }
    });
    return found;
  }

  private static List<Digest> blobObjects(ObjectStore objects) {
    List<Digest> found = new ArrayList<>();
    walk(objects, StorageLayout.BLOBS_PREFIX, key -> {
      if (StorageKeys.parse(key) instanceof ObjectKind.Blob b) {
        found.add(b.digest());
      }
    });
    return found;
  }

  private static void walk(ObjectStore objects, String prefix, Consumer<String> each) {
    String after = null;
    while (true) {
      List<String> page = objects.list(prefix, after, PAGE);
      page.forEach(each);
      if (page.size() < PAGE) {
        return;
      }
      after = page.get(page.size() - 1);
    }
  }
}

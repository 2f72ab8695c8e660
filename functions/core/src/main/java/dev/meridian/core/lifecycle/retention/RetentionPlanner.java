package dev.meridian.core.lifecycle.retention;

import dev.meridian.core.lifecycle.rules.ImmutableTagRule;
import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.lifecycle.rules.RetentionRule;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BucketListing;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.ManifestState;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectKind;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.Page;
import dev.meridian.core.storage.StorageKeys;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.TagRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates retention rules over one region's view of the registry. Every input is replicated
 * (tags and their versions, manifest put records, the rules, the locks), and times are versions'
 * hybrid-logical-clock millis, so regions holding the same records select the same things.
 *
 * <p>Per rule and matching repository: tags matching an exclusion, and locked or immutable tags,
 * are left alone and count towards nothing; of the rest, sorted newest push first, those past the
 * first {@code keepLast} and those pushed more than {@code tagMaxAgeDays} ago go. A manifest goes
 * as untagged when no live tag points at it now, no other manifest of the repository lists it (a
 * platform image of an index), its subject is not in the repository (a signature or SBOM of a live
 * image stays with it), it was pushed more than {@code untaggedMaxAgeDays} ago and nothing
 * protects it. Locked content never goes.
 */
public final class RetentionPlanner {
  private static final int PAGE = 1000;

  private final ObjectStore objects;
  private final MetadataIndex index;
  private final ProtectedContent protection;

  public RetentionPlanner(ObjectStore objects, MetadataIndex index, ProtectedContent protection) {
    this.objects = objects;
    this.index = index;
    this.protection = protection;
  }

  /** What {@code rules} select at {@code now}, each target once (the first rule naming it). */
  public List<RetentionCandidate> plan(List<RetentionRule> rules, List<Lock> locks,
      List<ImmutableTagRule> immutability, Instant now) {
    Map<String, RetentionCandidate> selected = new LinkedHashMap<>();
    List<RepositoryName> repositories = repositories();
    for (RetentionRule rule : rules) {
      for (RepositoryName repository : repositories) {
        if (!rule.repositories().matches(repository.value())) {
          continue;
        }
        List<RetentionCandidate> found = new ArrayList<>(
            tags(rule, repository, locks, immutability, now));
        found.addAll(untagged(rule, repository, locks, now));
        found.forEach(c -> selected.putIfAbsent(c.target(), c));
      }
    }
    return List.copyOf(selected.values());
  }

  private List<RetentionCandidate> tags(RetentionRule rule, RepositoryName repository,
      List<Lock> locks, List<ImmutableTagRule> immutability, Instant now) {
    if (rule.keepLast() == null && rule.tagMaxAgeDays() == null) {
      return List.of();
    }
    List<TagRecord> considered = new ArrayList<>();
    for (TagRecord t : liveTags(repository)) {
      if (!rule.excludes(t.tag()) && !tagLocked(locks, immutability, repository, t)) {
        considered.add(t);
      }
    }
    // Newest push first; equal millis are ordered by the rest of the version (a total order).
    considered.sort(Comparator.comparing(TagRecord::version).reversed());
    Instant oldest = rule.tagMaxAgeDays() == null ? null
        : now.minus(Duration.ofDays(rule.tagMaxAgeDays()));
    List<RetentionCandidate> out = new ArrayList<>();
    for (int i = 0; i < considered.size(); i++) {
      TagRecord t = considered.get(i);
      String criterion = null;
      if (rule.keepLast() != null && i >= rule.keepLast()) {
        criterion = "keepLast";
      } else if (oldest != null && Instant.ofEpochMilli(t.version().millis()).isBefore(oldest)) {
        criterion = "tagMaxAgeDays";
      }
      if (criterion != null) {
        out.add(new RetentionCandidate(repository, t.tag(), t.digest(), rule.name(), criterion,
            t.version().originSeed()));
      }
    }
    return out;
  }

  private boolean tagLocked(List<Lock> locks, List<ImmutableTagRule> immutability,
      RepositoryName repository, TagRecord t) {
    String tagId = Lock.id(repository, t.tag(), null);
    boolean tagLock = locks.stream().anyMatch(l -> l.id().equals(tagId)
        && (!l.writeEnabled() || !l.deleteEnabled()));
    return tagLock || immutability.stream().anyMatch(r -> r.covers(repository.value(), t.tag()))
        || protection.isLocked(locks, repository, t.digest());
  }

  private List<RetentionCandidate> untagged(RetentionRule rule, RepositoryName repository,
      List<Lock> locks, Instant now) {
    if (rule.untaggedMaxAgeDays() == null) {
      return List.of();
    }
    Instant oldest = now.minus(Duration.ofDays(rule.untaggedMaxAgeDays()));
    Map<Digest, ManifestRecord> manifests = index.getManifests(repository, manifestDigests(repository));
    Set<Digest> tagged = new HashSet<>();
    liveTags(repository).forEach(t -> tagged.add(t.digest()));
    Set<Digest> children = new HashSet<>();
    manifests.values().forEach(m -> children.addAll(m.manifests()));
    List<RetentionCandidate> out = new ArrayList<>();
    for (ManifestRecord m : manifests.values()) {
      if (tagged.contains(m.digest()) || children.contains(m.digest())
          || (m.subject() != null && manifests.containsKey(m.subject()))) {
        continue;
      }
      ObjectKind.ManifestPut put = ManifestState.newestPut(objects, repository, m.digest());
      Instant pushed = put == null ? m.createdAt() : Instant.ofEpochMilli(put.version().millis());
      if (!pushed.isBefore(oldest) || protection.isLocked(locks, repository, m.digest())) {
        continue;
      }
      out.add(new RetentionCandidate(repository, null, m.digest(), rule.name(),
          "untaggedMaxAgeDays", put == null ? null : put.version().originSeed()));
    }
    return out;
  }

  private List<TagRecord> liveTags(RepositoryName repository) {
    List<TagRecord> tags = new ArrayList<>();
    String last = null;
    while (true) {
      Page<TagRecord> page = index.listTagRecords(repository, last, PAGE);
      tags.addAll(page.items());
      if (!page.truncated() || page.items().isEmpty()) {
        return tags;
      }
      last = page.items().get(page.items().size() - 1).tag();
    }
  }

  private List<Digest> manifestDigests(RepositoryName repository) {
    String prefix = StorageLayout.REPOSITORIES_PREFIX + repository.value() + "/_manifests/";
    List<Digest> digests = new ArrayList<>();
    for (String key : BucketListing.keys(objects, prefix)) {
      if (StorageKeys.parse(key) instanceof ObjectKind.Manifest m) {
        digests.add(m.digest());
      }
    }
    return digests;
  }

  private List<RepositoryName> repositories() {
    List<RepositoryName> names = new ArrayList<>();
    String last = null;
    while (true) {
      Page<String> page = index.listRepositories(last, PAGE);
      page.items().forEach(n -> names.add(RepositoryName.parse(n)));
      if (!page.truncated() || page.items().isEmpty()) {
        return names;
      }
      last = page.items().get(page.items().size() - 1);
    }
  }
}

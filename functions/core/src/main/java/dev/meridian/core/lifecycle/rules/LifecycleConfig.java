package dev.meridian.core.lifecycle.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.meridian.core.auth.ReplicatedIdentityStore.PartialWriteException;
import dev.meridian.core.version.HybridLogicalClock;
import dev.meridian.core.version.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's lifecycle configuration as one region sees it: read from this region's bucket,
 * written to every region's ({@link LifecycleStore}), like accounts. A write that some region did
 * not take throws {@link PartialWriteException} (503; repeating it completes it). Each write's
 * version is issued past the newest this region holds for the item, so a later write wins; two
 * regions writing one item at once converge on the higher version everywhere.
 */
public final class LifecycleConfig {
  static final String LOCKS = "locks";
  static final String IMMUTABILITY = "immutability";
  static final String RETENTION = "retention";
  static final String SOFT_DELETE = "soft-delete";
  static final String SOFT_DELETE_ID = "policy";

  private final LifecycleStore local;
  private final Map<String, LifecycleStore> regions;
  private final HybridLogicalClock clock;

  /** {@code regions}: every region's store by name, this region's ({@code local}) among them. */
  public LifecycleConfig(LifecycleStore local, Map<String, LifecycleStore> regions,
      HybridLogicalClock clock) {
    this.local = local;
    this.regions = new LinkedHashMap<>(regions);
    this.clock = clock;
  }

  /** One region alone (tests, a single-region registry). */
  public static LifecycleConfig single(LifecycleStore store, HybridLogicalClock clock) {
    return new LifecycleConfig(store, Map.of("self", store), clock);
  }

  // --- locks ---

  public List<Lock> locks() {
    return locks(local.read(LOCKS));
  }

  /** The locks and immutability rules, from one reading of this region's configuration. */
  public record Guards(List<Lock> locks, List<ImmutableTagRule> immutability) {}

  public Guards guards() {
    Map<String, Map<String, LifecycleStore.Entry>> all = local.readAll();
    return new Guards(locks(all.getOrDefault(LOCKS, Map.of())),
        immutability(all.getOrDefault(IMMUTABILITY, Map.of())));
  }

  private static List<Lock> locks(Map<String, LifecycleStore.Entry> entries) {
    List<Lock> locks = new ArrayList<>();
    entries.values().forEach(e -> locks.add(Lock.fromJson(e.body(), e.version())));
    return locks;
  }

  /** Stores {@code lock} (pin included); returns it with its version. All-true removes it. */
  public Lock putLock(Lock lock) {
    Version v = write(LOCKS, lock.id(), lock.unlocked() ? removal() : lock.toJson());
    return lock.at(v, lock.pinned());
  }

  public boolean removeLock(String id) {
    return remove(LOCKS, id);
  }

  // --- immutable tag rules ---

  public List<ImmutableTagRule> immutability() {
    return immutability(local.read(IMMUTABILITY));
  }

  private static List<ImmutableTagRule> immutability(Map<String, LifecycleStore.Entry> entries) {
    List<ImmutableTagRule> rules = new ArrayList<>();
    entries.values()
        .forEach(e -> rules.add(ImmutableTagRule.fromJson(e.id(), e.body(), e.version())));
    return rules;
  }

  public ImmutableTagRule putImmutability(ImmutableTagRule rule) {
    Version v = write(IMMUTABILITY, rule.name(), rule.toJson());
    return new ImmutableTagRule(rule.name(), rule.repositories(), rule.exclusions(), v);
  }

  public boolean removeImmutability(String name) {
    return remove(IMMUTABILITY, name);
  }

  // --- retention ---

  public List<RetentionRule> retention() {
    List<RetentionRule> rules = new ArrayList<>();
    local.read(RETENTION).values()
        .forEach(e -> rules.add(RetentionRule.fromJson(e.id(), e.body(), e.version())));
    return rules;
  }

  public Optional<RetentionRule> retention(String name) {
    return retention().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public RetentionRule putRetention(RetentionRule rule) {
    Version v = write(RETENTION, rule.name(), rule.toJson());
    return new RetentionRule(rule.name(), rule.repositories(), rule.keepLast(),
        rule.tagMaxAgeDays(), rule.untaggedMaxAgeDays(), rule.exclusions(), v);
  }

  public boolean removeRetention(String name) {
    return remove(RETENTION, name);
  }

  // --- soft delete ---

  public SoftDeletePolicy softDelete() {
    LifecycleStore.Entry e = local.read(SOFT_DELETE).get(SOFT_DELETE_ID);
    return e == null ? SoftDeletePolicy.OFF : SoftDeletePolicy.fromJson(e.body(), e.version());
  }

  public SoftDeletePolicy putSoftDelete(SoftDeletePolicy policy) {
    Version v = write(SOFT_DELETE, SOFT_DELETE_ID, policy.toJson());
    return new SoftDeletePolicy(policy.enabled(), policy.retentionDays(), v);
  }

  // --- writes ---

  private boolean remove(String kind, String id) {
    if (!local.read(kind).containsKey(id)) {
      return false;
    }
    write(kind, id, removal());
    return true;
  }

  private static JsonNode removal() {
    return JsonNodeFactory.instance.objectNode().put("deleted", true);
  }

  private Version write(String kind, String id, JsonNode body) {
    Version held = local.newestVersion(kind, id);
    if (held != null) {
      clock.observe(held);
    }
    Version version = clock.next();
    List<String> failed = new ArrayList<>();
    RuntimeException first = null;
    for (Map.Entry<String, LifecycleStore> region : regions.entrySet()) {
      try {
        region.getValue().write(kind, id, version, body);
      } catch (RuntimeException e) {
        failed.add(region.getKey());
        first = first == null ? e : first;
      }
    }
    if (!failed.isEmpty()) {
      throw new PartialWriteException(failed, first);
    }
    return version;
  }
}

package dev.meridian.core.lifecycle.quota;

import dev.meridian.core.storage.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quotas everywhere, as accounts are (docs/security.md "Accounts"): read from this region's
 * table, written to every region's with the same version, so a write that reached only some
 * regions is completed by repeating it and two regions' writes converge on the later one.
 */
public final class ReplicatedQuotaStore implements QuotaStore {
  private final QuotaStore local;
  private final Map<String, QuotaStore> regions;

  /** {@code regions}: every region's store by name, {@code local} among them. */
  public ReplicatedQuotaStore(QuotaStore local, Map<String, QuotaStore> regions) {
    this.local = local;
    this.regions = new LinkedHashMap<>(regions);
  }

  @Override
  public List<QuotaRule> list() {
    return local.list();
  }

  @Override
  public boolean put(QuotaRule rule) {
    boolean stored = true;
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, QuotaStore> region : regions.entrySet()) {
      try {
        stored &= region.getValue().put(rule);
      } catch (RuntimeException e) {
        failed.add(region.getKey() + " (" + e.getMessage() + ")");
      }
    }
    QuotaRuleCache.changed(); // every region of this process admits by the new rule at once
    if (!failed.isEmpty()) {
      throw new StorageException("quota change not stored in " + String.join(", ", failed)
          + "; repeat it");
    }
    return stored;
  }
}

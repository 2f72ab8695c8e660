package dev.meridian.core.lifecycle.quota;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.MetadataIndex;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The {@link QuotaGate} of a region: its rules ({@link QuotaStore}) against its usage ({@link
 * UsageMeter}). A rule over a repository pattern costs one listing of that repository's links;
 * the registry rule a listing of every repository's, so it is checked only while one is set.
 * Pushes in flight at once in one repository may each pass alone and exceed the quota together
 * by up to their sizes (Harbor's check has the same window); the next push is refused.
 * Replicated arrivals are never refused: a region cannot undo another's accepted push. The rules
 * are read through a {@link QuotaRuleCache} (at most every 10 s, and at once after a change made
 * through this process).
 */
public final class StorageQuotas implements QuotaGate {
  private final QuotaRuleCache rules;
  private final MetadataIndex index;
  private final UsageMeter usage;

  public StorageQuotas(QuotaStore store, MetadataIndex index) {
    this(store, index, System::nanoTime);
  }

  StorageQuotas(QuotaStore store, MetadataIndex index, LongSupplier nanoTime) {
    this.rules = new QuotaRuleCache(store, nanoTime);
    this.index = index;
    this.usage = new UsageMeter(index);
  }

  @Override
  public void admit(RepositoryName repository, Digest digest, long bytes) {
    List<QuotaRule> rules = this.rules.rules().stream()
        .filter(r -> !r.deleted() && r.covers(repository.value())).toList();
    if (rules.isEmpty() || bytes <= 0) {
      return;
    }
    if (digest != null && index.linkedBlobSize(repository, digest).isPresent()) {
      return; // counted already
    }
    for (QuotaRule rule : rules) {
      long used = rule.repositories() == null
          ? UsageMeter.total(usage.repositories()) : usage.repository(repository).bytes();
      if (used + bytes > rule.bytes()) {
        throw new RegistryException(ErrorKind.QUOTA_EXCEEDED, "storage quota of "
            + rule.scope() + " exceeded: " + rule.bytes() + " bytes allowed, "
            + (rule.repositories() == null ? "the registry" : repository.value()) + " uses "
            + used + ", this push adds " + bytes);
      }
    }
  }
}

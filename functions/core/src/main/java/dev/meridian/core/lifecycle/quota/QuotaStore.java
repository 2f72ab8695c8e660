package dev.meridian.core.lifecycle.quota;

import java.util.List;

/**
 * Port: the registry's quota rules in one region's table ({@code DynamoDbQuotaStore}; the
 * in-memory fake in core's tests; both pass {@code QuotaStoreContract}).
 */
public interface QuotaStore {

  /** Every rule, deleted ones included, in key order. */
  List<QuotaRule> list();

  /** Stores {@code rule} iff none is held under its key or the held one is older; idempotent. */
  boolean put(QuotaRule rule);
}

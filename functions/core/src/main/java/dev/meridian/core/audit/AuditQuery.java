package dev.meridian.core.audit;

import java.time.Instant;

/**
 * A filter over the audit log; null parts match everything. {@code repository} matches exactly,
 * {@code actor} and {@code action} too; {@code from} is inclusive and {@code to} exclusive.
 */
public record AuditQuery(Instant from, Instant to, String actor, String repository,
    String action, String origin, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  boolean matches(AuditRecord r) {
    AuditEntry e = r.entry();
    return (from == null || !r.time().isBefore(from))
        && (to == null || r.time().isBefore(to))
        && (actor == null || actor.equals(e.actor()))
        && (repository == null || repository.equals(e.repository()))
        && (action == null || action.equals(e.action()))
        && (origin == null || origin.equals(r.origin()));
  }
}

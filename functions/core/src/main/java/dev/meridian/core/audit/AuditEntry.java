package dev.meridian.core.audit;

/**
 * What happened, before it is chained: who ({@code actor}, "" when anonymous), what ({@code
 * action}, e.g. {@code image.push}, {@code signin.failure}, {@code admin.webhooks}), the outcome
 * as the HTTP status the caller got, from where ({@code address}: the connection's peer or API
 * Gateway's source IP), and what it touched. Absent parts are "".
 */
public record AuditEntry(String actor, String action, int status, String address,
    String repository, String reference, String digest, String detail) {

  public AuditEntry {
    actor = orEmpty(actor);
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("an audit entry needs an action");
    }
    address = orEmpty(address);
    repository = orEmpty(repository);
    reference = orEmpty(reference);
    digest = orEmpty(digest);
    detail = orEmpty(detail);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

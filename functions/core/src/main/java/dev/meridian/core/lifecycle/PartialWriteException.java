package dev.meridian.core.lifecycle;

import java.util.List;

/**
 * Some regions did not take a configuration write; repeating the request completes it (the same
 * contract as accounts, docs/security.md "Accounts"). Rendered as a 503.
 */
public final class PartialWriteException extends RuntimeException {
  private final List<String> regions;

  PartialWriteException(List<String> regions, Throwable cause) {
    super("not stored in region(s) " + String.join(", ", regions) + "; repeat the request", cause);
    this.regions = List.copyOf(regions);
  }

  public List<String> regions() {
    return regions;
  }
}

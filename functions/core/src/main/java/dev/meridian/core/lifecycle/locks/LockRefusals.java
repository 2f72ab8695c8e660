package dev.meridian.core.lifecycle.locks;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.lifecycle.rules.ImmutableTagRule;
import dev.meridian.core.lifecycle.rules.Lock;
import java.util.Map;

/**
 * The errors a lock or an immutability rule answers with: {@link ErrorKind#LOCKED} (DENIED, 409)
 * where a write conflicts with a tag that cannot move (as ECR's {@code
 * ImageTagAlreadyExistsException} and Harbor's immutable-tag refusal do) and {@link
 * ErrorKind#DENIED} (403) where an operation is switched off (ACR answers a locked image's delete
 * or write with a denial). The
 * message and {@code detail} name the lock, so a client's log says which setting to change.
 */
final class LockRefusals {
  private LockRefusals() {}

  /** {@code lock}'s {@code attribute} (e.g. {@code deleteEnabled}) is false. */
  static RegistryException locked(Lock lock, String attribute, ErrorKind refusal) {
    String kind = lock.tag() != null ? "tag" : lock.digest() != null ? "manifest" : "repository";
    return new RegistryException(refusal,
        kind + " " + lock.target() + " is locked (" + attribute + "=false)",
        Map.of("lock", lock.target(), "attribute", attribute), Map.of());
  }

  static RegistryException immutable(String repository, String tag, ImmutableTagRule rule) {
    return new RegistryException(ErrorKind.LOCKED,
        "tag " + repository + ":" + tag + " is immutable (rule " + rule.name() + ", "
            + rule.mutability() + "); push under a new tag",
        Map.of("rule", rule.name(), "mutability", rule.mutability(),
            "tag", repository + ":" + tag), Map.of());
  }
}

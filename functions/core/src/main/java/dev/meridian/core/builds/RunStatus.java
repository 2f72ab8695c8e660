package dev.meridian.core.builds;

import java.util.Locale;
import java.util.Set;

/**
 * A run's state (ACR's run statuses): {@code Queued → Running → Succeeded | Failed | Canceled |
 * Timeout}, plus {@code Error} for system faults. Every change is a conditional write on the
 * current state ({@link RunStore#transition}), so of two racing changes exactly one applies.
 */
public enum RunStatus {
  QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED, TIMEOUT, ERROR;

  /** {@code Queued}, {@code Running}, … as the API shows it. */
  public String wireName() {
    String lower = name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** Case-insensitive {@link #wireName()}. */
  public static RunStatus parse(String text) {
    for (RunStatus s : values()) {
      if (s.name().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown run status '" + text
        + "': Queued, Running, Succeeded, Failed, Canceled, Timeout or Error");
  }

  public boolean isTerminal() {
    return this != QUEUED && this != RUNNING;
  }

  /** Whether a run may go from this state to {@code next}. */
  public boolean canBecome(RunStatus next) {
    return switch (this) {
      case QUEUED -> Set.of(RUNNING, CANCELED, TIMEOUT, ERROR).contains(next);
      case RUNNING -> next.isTerminal();
      default -> false;
    };
  }
}

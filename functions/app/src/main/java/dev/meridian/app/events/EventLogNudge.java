package dev.meridian.app.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one event-log nudge runs: the webhook poll and, when configured, the EventBridge
 * publisher. Each runs even when the other fails (a receiver's outage must not hold up the bus,
 * nor a throttled bus the webhooks); the first failure is then rethrown, the other suppressed,
 * so the message is retried and both pick up from their own cursors.
 */
public final class EventLogNudge {
  private EventLogNudge() {}

  /** {@code publish} may be null (publishing off). */
  public static Runnable of(Supplier<?> dispatch, Supplier<?> publish) {
    List<Supplier<?>> steps = new ArrayList<>();
    steps.add(dispatch);
    if (publish != null) {
      steps.add(publish);
    }
    return () -> {
      RuntimeException failure = null;
      for (Supplier<?> step : steps) {
        try {
          step.get();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    };
  }
}

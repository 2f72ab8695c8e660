package dev.meridian.core.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable event ids: a name-based UUID of (region, action, what changed). The same change handled
 * twice — a duplicate notification, a retried function, a reconcile pass — gets the same id, and
 * {@link EventLog#append} keeps the first.
 */
public final class EventIds {
  private EventIds() {}

  /**
   * @param subject what changed: the change's object key, plus the request id for a push by
   *     digest (a repeated push of the same bytes is a new event, as in ACR)
   */
  public static String of(String regionName, EventAction action, String subject) {
    return UUID.nameUUIDFromBytes(
        (regionName + "\n" + action.wireName() + "\n" + subject).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}

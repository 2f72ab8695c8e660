package dev.meridian.core.events;

import java.util.List;

/**
 * Port: the bus integrations listen on (EventBridge on AWS: {@code EventBridgeEventBus} in the
 * aws module). {@link EventPublisher} feeds it from the region's event log.
 */
public interface EventBus {

  /** The most events {@link #publish} takes at once (EventBridge PutEvents: 10 entries). */
  int MAX_BATCH = 10;

  /**
   * Publishes up to {@link #MAX_BATCH} events in one call.
   *
   * @return for each event, in order, null when the bus accepted it or why it refused it (a
   *     throttled or invalid entry); a failure of the whole call throws
   */
  List<String> publish(List<RegistryEvent> events);
}

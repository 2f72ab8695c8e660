package dev.meridian.aws.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.events.EventBridgeDetail;
import dev.meridian.core.events.EventBus;
import dev.meridian.core.events.EventTypes;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The region's EventBridge bus (the default bus or the template's custom one): one PutEvents call
 * per batch, each entry {@code source: meridian}, a {@code detail-type} from {@link EventTypes},
 * the event's time, and {@link EventBridgeDetail} (which carries the event's id and sequence) as
 * {@code detail}. PutEvents answers per entry; refused entries come back as reasons.
 */
public final class EventBridgeEventBus implements EventBus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBridgeClient client;
  private final String busName;

  /** @param busName the bus's name or ARN ({@code default}: the account's default bus) */
  public EventBridgeEventBus(EventBridgeClient client, String busName) {
    this.client = client;
    this.busName = busName;
  }

  @Override
  public List<String> publish(List<RegistryEvent> events) {
    if (events.size() > MAX_BATCH) {
      throw new IllegalArgumentException("at most " + MAX_BATCH + " events per call");
    }
    List<PutEventsRequestEntry> entries = events.stream().map(this::entry).toList();
    PutEventsResponse response;
    try {
      response = client.putEvents(r -> r.entries(entries));
    } catch (SdkException e) {
      throw new StorageException("EventBridge PutEvents failed: " + e.getMessage(), e);
    }
    List<String> refusals = new ArrayList<>(events.size());
    List<PutEventsResultEntry> results = response.entries();
    for (int i = 0; i < events.size(); i++) {
      PutEventsResultEntry r = i < results.size() ? results.get(i) : null;
      refusals.add(r == null ? "no result entry"
          : r.errorCode() == null ? null : r.errorCode() + ": " + r.errorMessage());
    }
    return refusals;
  }

  PutEventsRequestEntry entry(RegistryEvent e) {
    try {
      return PutEventsRequestEntry.builder()
          .eventBusName(busName)
          .source(EventTypes.SOURCE)
          .detailType(EventTypes.detailType(e.action().wireName()))
          .time(e.timestamp())
          .detail(JSON.writeValueAsString(EventBridgeDetail.of(e)))
          .build();
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot render event " + e.id(), ex);
    }
  }
}

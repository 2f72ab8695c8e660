package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The messages of a region's webhook queue on AWS (docs/aws.md, "Webhooks"): each asks for one
 * {@code dispatchWebhooks} poll. They come from the table's stream (an EventBridge Pipe sends
 * one per event-log item, so a push is dispatched within seconds) and from a one-minute
 * schedule (due retries). The poll itself is idempotent and reads the whole log after its
 * cursor, so several messages of one batch cost one real poll and cheap empty ones.
 *
 * <p>A body must be a JSON object with {@code "dispatch": "webhooks"}; anything else is poison:
 * it fails, is reported as a batch item failure, and reaches the dead-letter queue after the
 * queue's {@code maxReceiveCount}.
 */
public final class WebhookDispatchMessages implements Consumer<SQSMessage> {

  public static final String BODY = "{\"dispatch\":\"webhooks\"}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Runnable poll;

  public WebhookDispatchMessages(Runnable poll) {
    this.poll = poll;
  }

  @Override
  public void accept(SQSMessage message) {
    JsonNode body;
    try {
      body = JSON.readTree(message.getBody() == null ? "" : message.getBody());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a webhook dispatch request (not JSON)", e);
    }
    if (body == null || !"webhooks".equals(body.path("dispatch").asText(null))) {
      throw new IllegalArgumentException(
          "not a webhook dispatch request: expected " + BODY + ", got " + message.getBody());
    }
    poll.run();
  }
}

package dev.meridian.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The {@code detail} of an EventBridge event: the event's document (docs/events.md) plus the keys
 * of ECR's {@code ECR Image Action} detail ({@code result}, {@code repository-name}, {@code
 * image-digest}, {@code action-type}, {@code image-tag}; docs.aws.amazon.com/AmazonECR/latest/
 * userguide/ecr-eventbridge.html), so a rule written for ECR, e.g. {@code {"detail":
 * {"action-type": ["PUSH"], "repository-name": ["app"]}}}, matches with {@code source} changed.
 */
public final class EventBridgeDetail {
  private EventBridgeDetail() {}

  public static ObjectNode of(RegistryEvent e) {
    ObjectNode detail = EventDocument.of(e);
    // ECR reports a failed action with "FAILURE" (e.g. a failed scan or replication): a dead
    // letter is the failure of a delivery.
    detail.put("result", e.webhook() != null ? "FAILURE" : "SUCCESS");
    detail.put("action-type", e.action().wireName().toUpperCase(Locale.ROOT).replace('-', '_'));
    if (e.repository() != null) {
      detail.put("repository-name", e.repository());
    }
    if (e.digest() != null) {
      detail.put("image-digest", e.digest());
    }
    if (e.tag() != null) {
      detail.put("image-tag", e.tag());
    }
    return detail;
  }
}

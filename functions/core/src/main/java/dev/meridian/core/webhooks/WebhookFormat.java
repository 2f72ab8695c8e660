package dev.meridian.core.webhooks;

import java.util.Locale;

/**
 * The body a webhook receives. {@code acr} (the default): ACR's webhook event JSON ({@link
 * WebhookPayloads}), so receivers written for ACR work unchanged. {@code cloudevents}: a
 * CloudEvents 1.0 event in structured mode (github.com/cloudevents/spec, http-protocol-binding.md
 * §3.2: the whole event is the body, {@code Content-Type: application/cloudevents+json}), whose
 * {@code data} is the event's document (docs/events.md) — what Knative, Argo Events, Dapr and
 * Azure Event Grid's CloudEvents endpoints take. Both are signed the same way ({@link
 * WebhookSigner}).
 */
public enum WebhookFormat {
  ACR("application/json"),
  CLOUDEVENTS("application/cloudevents+json");

  private final String contentType;

  WebhookFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name (null: {@code acr}); throws {@link IllegalArgumentException} otherwise. */
  public static WebhookFormat parse(String text) {
    if (text == null) {
      return ACR;
    }
    for (WebhookFormat f : values()) {
      if (f.wireName().equals(text)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format " + text + "; expected acr or cloudevents");
  }
}

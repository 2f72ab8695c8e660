package dev.meridian.core.webhooks;

import java.util.Locale;

/**
 * What a webhook can be told about: ACR's {@code push}, {@code delete} and {@code ping} actions
 * (learn.microsoft.com, "Azure Container Registry webhook reference"), plus Meridian's {@code
 * replicated} (a change accepted in this region is now in every region) and {@code build} (a
 * build run of this region was queued, started, succeeded, failed or was canceled).
 */
public enum WebhookAction {
  PUSH,
  DELETE,
  REPLICATED,
  BUILD,
  PING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws {@link IllegalArgumentException} on anything else. */
  public static WebhookAction parse(String text) {
    for (WebhookAction a : values()) {
      if (a.wireName().equals(text)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown action " + text
        + "; expected push, delete, replicated, build or ping");
  }
}

package dev.meridian.core.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One webhook of a region. The name follows ACR ("alphanumeric, 5-50 characters"; Meridian keeps
 * it lower-case so it can be part of a table key). {@code secret} signs every delivery (Standard
 * Webhooks, {@link WebhookSigner}); it is returned once, by the create call, and {@link #toString}
 * never prints it or the custom header values (they often carry credentials).
 *
 * @param headers custom headers sent with every delivery (ACR's {@code --headers}); the API
 *     refuses the names {@link CustomHeaders} reserves, this record only those Meridian always set
 *     (so a webhook stored before a name was reserved still loads; the name is not sent)
 * @param actions the actions delivered; {@code ping} is implicit
 * @param enabled ACR's {@code --status enabled|disabled}; a 410 from the receiver disables it
 * @param format the body's shape: ACR's event JSON or a CloudEvent ({@link WebhookFormat})
 */
public record WebhookConfig(String name, URI serviceUri, Map<String, String> headers,
    Set<WebhookAction> actions, WebhookScope scope, boolean enabled, String secret,
    Instant createdAt, WebhookFormat format) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]{5,50}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public WebhookConfig {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "webhook name must be 5 to 50 lower-case letters and digits, got " + name);
    }
    if (serviceUri == null) {
      throw new IllegalArgumentException("serviceUri is required");
    }
    headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
    headers.forEach((k, v) -> {
      if (!HEADER_NAME.matcher(k).matches() || v == null || v.indexOf('\r') >= 0
          || v.indexOf('\n') >= 0 || CustomHeaders.setByMeridian(k)) {
        throw new IllegalArgumentException("invalid or reserved custom header " + k);
      }
    });
    if (actions == null || actions.isEmpty()) {
      throw new IllegalArgumentException("at least one action is required");
    }
    actions = Set.copyOf(EnumSet.copyOf(actions));
    scope = scope == null ? WebhookScope.ALL : scope;
    WebhookSigner.validate(secret);
    format = format == null ? WebhookFormat.ACR : format;
  }

  /** A webhook in ACR's format (the default). */
  public WebhookConfig(String name, URI serviceUri, Map<String, String> headers,
      Set<WebhookAction> actions, WebhookScope scope, boolean enabled, String secret,
      Instant createdAt) {
    this(name, serviceUri, headers, actions, scope, enabled, secret, createdAt, WebhookFormat.ACR);
  }

  /** Whether an event of this action about repository:tag goes to this webhook. */
  public boolean wants(WebhookAction action, String repository, String tag) {
    return enabled && actions.contains(action) && scope.matches(repository, tag);
  }

  /**
   * {@link #wants(WebhookAction, String, String)} for an event recorded at {@code recorded}: a
   * webhook hears of what happens after it is created, as in ACR, never of earlier history (the
   * dispatcher may read events from before a webhook existed: it leaves the log's cursor alone
   * while a region has no webhooks).
   */
  public boolean wants(WebhookAction action, String repository, String tag, Instant recorded) {
    return wants(action, repository, tag)
        && (createdAt == null || recorded == null || !recorded.isBefore(createdAt));
  }

  public WebhookConfig withEnabled(boolean value) {
    return new WebhookConfig(name, serviceUri, headers, actions, scope, value, secret, createdAt,
        format);
  }

  @Override
  public String toString() {
    return "WebhookConfig[name=" + name + ", serviceUri=" + serviceUri + ", headers="
        + headers.keySet() + ", actions=" + actions + ", scope=" + scope + ", enabled=" + enabled
        + ", format=" + format.wireName() + "]";
  }
}

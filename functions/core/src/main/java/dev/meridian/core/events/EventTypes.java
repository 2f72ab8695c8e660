package dev.meridian.core.events;

import java.util.Locale;

/**
 * The names one regional event carries on each channel, derived from its action's wire name
 * alone so that an action added to {@link EventAction} later (builds, lifecycle) is published
 * without a change here.
 *
 * <ul>
 *   <li>EventBridge {@code detail-type}, modelled on ECR's ({@code ECR Image Action}, {@code ECR
 *       Replication Action}; docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html):
 *       {@code Meridian Image Action} (push, delete), {@code Meridian Replication}, {@code
 *       Meridian Build} (any {@code build…} action), {@code Meridian Webhook Delivery} (any
 *       {@code webhook…} action), else {@code Meridian Event}.
 *   <li>CloudEvents {@code type} (reverse-DNS, as the CloudEvents spec's "type" attribute
 *       advises): {@code dev.meridian.image.pushed}, {@code dev.meridian.image.deleted}, {@code
 *       dev.meridian.image.replicated}, {@code dev.meridian.build.<action>}, else {@code
 *       dev.meridian.<action>}.
 *   <li>The JSON Schema of its document: {@code docs/events/<action>.schema.json}.
 * </ul>
 */
public final class EventTypes {
  public static final String SOURCE = "meridian";
  public static final String IMAGE_ACTION = "Meridian Image Action";
  public static final String REPLICATION = "Meridian Replication";
  public static final String BUILD = "Meridian Build";
  public static final String WEBHOOK_DELIVERY = "Meridian Webhook Delivery";
  public static final String OTHER = "Meridian Event";
  private static final String PREFIX = "dev.meridian.";

  private EventTypes() {}

  /** The EventBridge {@code detail-type} of an event with this action wire name. */
  public static String detailType(String action) {
    return switch (action) {
      case "push", "delete" -> IMAGE_ACTION;
      case "replicated" -> REPLICATION;
      default -> action.startsWith("build") ? BUILD
          : action.startsWith("webhook") ? WEBHOOK_DELIVERY : OTHER;
    };
  }

  /** The CloudEvents {@code type} of an event with this action wire name. */
  public static String cloudEventType(String action) {
    return switch (action) {
      case "push" -> PREFIX + "image.pushed";
      case "delete" -> PREFIX + "image.deleted";
      case "replicated" -> PREFIX + "image.replicated";
      case "ping" -> PREFIX + "webhook.ping";
      default -> PREFIX + (action.startsWith("build") ? "build." + rest(action, "build") : dotted(
          action));
    };
  }

  private static String rest(String action, String prefix) {
    String r = action.substring(prefix.length()).replaceFirst("^[-_.]", "");
    return r.isEmpty() ? "updated" : dotted(r);
  }

  private static String dotted(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".");
  }
}

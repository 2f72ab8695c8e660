package dev.meridian.core.builds;

/**
 * What caused a run: {@code manual} (the API) or {@code baseImageUpdate} (a task's base image
 * changed; {@code detail} is the new base digest).
 */
public record Trigger(String type, String detail) {
  public static final Trigger MANUAL = new Trigger("manual", null);

  public Trigger {
    if (type == null || !type.matches("[a-zA-Z]{1,40}")) {
      throw new IllegalArgumentException("bad trigger type '" + type + "'");
    }
  }
}

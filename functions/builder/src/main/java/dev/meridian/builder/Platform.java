package dev.meridian.builder;

import java.util.Locale;

/**
 * A target platform, {@code os/architecture[/variant]} as in {@code docker build --platform}
 * (image-spec image-index.md "platform"). {@code variant} is "" when absent.
 */
public record Platform(String os, String architecture, String variant) {

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", "");

  public Platform {
    variant = variant == null ? "" : variant;
    if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
      throw new IllegalArgumentException("a platform needs an os and an architecture");
    }
  }

  public static Platform parse(String text) {
    String[] parts = text.toLowerCase(Locale.ROOT).strip().split("/");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("expected os/arch[/variant], got: " + text);
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}

package dev.meridian.core.webhooks;

import java.util.regex.Pattern;

/**
 * Which events a webhook receives, with ACR's semantics ({@code az acr webhook create --scope}):
 * "'foo:*' means events for all tags under repository 'foo'. 'foo:bar' means events for 'foo:bar'
 * only. 'foo' is equivalent to 'foo:latest'. Empty means all events." A {@code *} matches any run
 * of characters, {@code /} included, in either part.
 *
 * <p>Events without a tag (a push or delete by digest, and their {@code replicated}) match only a
 * scope whose tag part is exactly {@code *}: they belong to the repository, not to any one tag.
 *
 * @param text the scope as configured; empty means everything
 */
public record WebhookScope(String text) {
  private static final Pattern SYNTAX =
      Pattern.compile("[a-z0-9*][a-z0-9._/*-]*(:[A-Za-z0-9_*][A-Za-z0-9._*-]{0,127})?");
  public static final WebhookScope ALL = new WebhookScope("");

  public WebhookScope {
    text = text == null ? "" : text.strip();
    if (!text.isEmpty() && !SYNTAX.matcher(text).matches()) {
      throw new IllegalArgumentException("scope must be repository[:tag] with * wildcards, got "
          + text);
    }
  }

  public static WebhookScope parse(String text) {
    return new WebhookScope(text);
  }

  public boolean isAll() {
    return text.isEmpty();
  }

  /** Whether an event about {@code repository} and {@code tag} (null: by digest) is in scope. */
  public boolean matches(String repository, String tag) {
    if (isAll()) {
      return true;
    }
    int colon = text.indexOf(':');
    String repoPattern = colon < 0 ? text : text.substring(0, colon);
    String tagPattern = colon < 0 ? "latest" : text.substring(colon + 1);
    if (!glob(repoPattern).matcher(repository).matches()) {
      return false;
    }
    if (tag == null) {
      return tagPattern.equals("*");
    }
    return glob(tagPattern).matcher(tag).matches();
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    String[] parts = pattern.split("\\*", -1); // "a*b*" -> ["a", "b", ""]
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public String toString() {
    return text;
  }
}

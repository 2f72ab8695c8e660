package dev.meridian.cli.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge (RFC 9110 §11.6.1): a scheme and its auth-params, e.g.
 * {@code Bearer realm="https://r/token",service="meridian",scope="repository:app:pull,push"}.
 */
public record Challenge(String scheme, Map<String, String> params) {

  // name=token or name="quoted \"string\"", separated by commas
  private static final Pattern PARAM =
      Pattern.compile("\\s*([A-Za-z0-9_-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))\\s*,?");

  public static Optional<Challenge> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String trimmed = header.trim();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    if (space > 0) {
      Matcher m = PARAM.matcher(trimmed.substring(space + 1));
      while (m.lookingAt()) {
        String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
        params.put(m.group(1).toLowerCase(Locale.ROOT), value);
        m.region(m.end(), m.regionEnd());
      }
    }
    return Optional.of(new Challenge(scheme, Map.copyOf(params)));
  }

  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  public String param(String name) {
    return params.get(name);
  }
}

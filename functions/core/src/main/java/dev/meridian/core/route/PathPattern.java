package dev.meridian.core.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route's path, written as it reads in docs/api.md: literal segments, {@code {name}} for one
 * segment and {@code {name+}} for one or more (a repository name, which contains slashes). A
 * greedy parameter takes as much as it can and the literal suffix is matched last, so {@code
 * /meridian/v1/deleted/{repository+}/{digest}/restore} reads {@code a/b} from {@code
 * deleted/a/b/sha256:…/restore}, as CNCF distribution's router reads repository names.
 */
public record PathPattern(String template, Pattern regex, List<String> parameters) {
  private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z]+)(\\+?)}");

  public PathPattern {
    parameters = List.copyOf(parameters);
  }

  public static PathPattern parse(String template) {
    if (!template.startsWith("/") || template.endsWith("/")) {
      throw new IllegalArgumentException("a route pattern starts with / and does not end in it: "
          + template);
    }
    StringBuilder regex = new StringBuilder();
    List<String> names = new ArrayList<>();
    Matcher m = PARAMETER.matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(at, m.start())));
      regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
      names.add(m.group(1));
      at = m.end();
    }
    regex.append(Pattern.quote(template.substring(at)));
    return new PathPattern(template, Pattern.compile(regex.toString()), names);
  }

  /** The parameters of {@code path} by name, or null when the path is not this pattern's. */
  Map<String, String> match(String path) {
    Matcher m = regex.matcher(path);
    if (!m.matches()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      values.put(parameters.get(i), m.group(i + 1));
    }
    return values;
  }

  /** The first segment after {@code prefix} ({@code webhooks} of {@code /meridian/v1/webhooks/…}). */
  static String area(String path, String prefix) {
    if (!path.startsWith(prefix)) {
      return "";
    }
    String rest = path.substring(prefix.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathPattern p && p.template.equals(template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template;
  }
}

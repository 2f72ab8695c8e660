package dev.meridian.core.oci;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import java.util.regex.Pattern;

/**
 * A repository name ({@code <name>} in the distribution-spec).
 *
 * <p>Grammar from the distribution-spec, "Pulling manifests": {@code
 * [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*}. The grammar admits
 * no {@code ..}, no leading or trailing slash, no empty component and no upper case, so a valid
 * name is safe to embed in storage keys. Length is capped at 255 characters like CNCF distribution.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {

  public static final int MAX_LENGTH = 255;
  private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
  private static final Pattern GRAMMAR = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

  public RepositoryName {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
        || !GRAMMAR.matcher(value).matches()) {
      throw new RegistryException(
          ErrorKind.NAME_INVALID, "invalid repository name: " + Digest.abbreviate(value));
    }
  }

  public static RepositoryName parse(String value) {
    return new RepositoryName(value);
  }

  public static boolean isValid(String value) {
    return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH
        && GRAMMAR.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public int compareTo(RepositoryName other) {
    return value.compareTo(other.value);
  }
}

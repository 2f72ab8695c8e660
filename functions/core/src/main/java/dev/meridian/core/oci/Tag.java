package dev.meridian.core.oci;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import java.util.regex.Pattern;

/**
 * A tag. Grammar from the distribution-spec: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}; no
 * slash, no leading dot, so a valid tag is safe to embed in storage keys.
 */
public record Tag(String value) implements Comparable<Tag> {

  private static final Pattern GRAMMAR = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  public Tag {
    if (!isValid(value)) {
      throw new RegistryException(
          ErrorKind.MANIFEST_INVALID, "invalid tag: " + Digest.abbreviate(value));
    }
  }

  public static Tag parse(String value) {
    return new Tag(value);
  }

  public static boolean isValid(String value) {
    return value != null && GRAMMAR.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public int compareTo(Tag other) {
    return value.compareTo(other.value);
  }
}

package dev.meridian.cli.image;

import dev.meridian.cli.error.CliException;
import java.util.regex.Pattern;

/**
 * A registry reference {@code host[:port]/repository[:tag][@digest]}, e.g.
 * {@code 127.0.0.1:5001/team/app:v1}. The host is always given (there is no default registry);
 * without tag or digest the tag is {@code latest}, as docker and skopeo do.
 */
public record Reference(String registry, String repository, String tag, String digest) {

  // docs/api.md: the distribution-spec's name and tag grammars.
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  /**
   * Like {@link #parse(String)}, but a reference whose first component is not a host (no '.' or
   * ':', not localhost) is in {@code defaultRegistry} (e.g. {@code app:v1} with {@code --registry}).
   */
  public static Reference parse(String text, java.util.function.Supplier<String> defaultRegistry) {
    int slash = text.indexOf('/');
    String first = slash < 0 ? "" : text.substring(0, slash);
    boolean hasHost = first.contains(".") || first.contains(":") || first.equals("localhost");
    return parse(hasHost ? text : defaultRegistry.get() + "/" + text);
  }

  public static Reference parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0) {
      throw CliException.usage("'" + text + "' is not a registry reference: expected HOST[:PORT]/REPOSITORY[:TAG|@DIGEST]");
    }
    String registry = text.substring(0, slash);
    String rest = text.substring(slash + 1);
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw CliException.usage("'" + digest + "' is not a digest (e.g. sha256:…)");
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw CliException.usage("'" + tag + "' is not a tag");
      }
    }
    if (!NAME.matcher(rest).matches()) {
      throw CliException.usage("'" + rest + "' is not a repository name (lower case, digits, . _ - and /)");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new Reference(registry, rest, tag, digest);
  }

  /** The manifest reference to use in URLs: the digest when given, else the tag. */
  public String reference() {
    return digest != null ? digest : tag;
  }

  public Reference withDigest(String newDigest) {
    return new Reference(registry, repository, tag, newDigest);
  }

  @Override
  public String toString() {
    return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}

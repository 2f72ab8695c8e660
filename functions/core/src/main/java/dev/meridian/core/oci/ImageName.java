package dev.meridian.core.oci;

/**
 * An image in this registry, {@code repo:tag} (no registry host: builds read and write the
 * region they run in). A name without a tag means {@code latest}, as {@code docker build -t}.
 */
public record ImageName(RepositoryName repository, Tag tag) {

  /** Parses {@code repo[:tag]}; throws {@link IllegalArgumentException} on bad input. */
  public static ImageName parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty image name");
    }
    if (text.contains("@")) {
      throw new IllegalArgumentException("expected repo:tag, got a digest reference: " + text);
    }
    int slash = text.lastIndexOf('/');
    int colon = text.lastIndexOf(':');
    String repo = colon > slash ? text.substring(0, colon) : text;
    String tag = colon > slash ? text.substring(colon + 1) : "latest";
    if (!RepositoryName.isValid(repo)) {
      throw new IllegalArgumentException("invalid repository name: " + repo);
    }
    if (!Tag.isValid(tag)) {
      throw new IllegalArgumentException("invalid tag: " + tag);
    }
    return new ImageName(RepositoryName.parse(repo), Tag.parse(tag));
  }

  @Override
  public String toString() {
    return repository + ":" + tag;
  }
}

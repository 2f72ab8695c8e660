package dev.meridian.core.oci;

/**
 * The {@code <reference>} of a manifest URL: a tag or a digest. Exactly one of {@link #tag()}
 * and {@link #digest()} is non-null.
 */
public record Reference(Tag tag, Digest digest) {

  public Reference {
    if ((tag == null) == (digest == null)) {
      throw new IllegalArgumentException("a reference is a tag or a digest");
    }
  }

  /**
   * Parses a path segment: a digest when it contains a colon (tags cannot), a tag otherwise.
   * Throws {@code DIGEST_INVALID} or {@code MANIFEST_INVALID} (bad tag) as a {@link
   * dev.meridian.core.error.RegistryException}.
   */
  public static Reference parse(String text) {
    return Digest.looksLikeDigest(text) ? of(Digest.parse(text)) : of(Tag.parse(text));
  }

  public static Reference of(Tag tag) {
    return new Reference(tag, null);
  }

  public static Reference of(Digest digest) {
    return new Reference(null, digest);
  }

  public boolean isDigest() {
    return digest != null;
  }

  @Override
  public String toString() {
    return isDigest() ? digest.toString() : tag.toString();
  }
}

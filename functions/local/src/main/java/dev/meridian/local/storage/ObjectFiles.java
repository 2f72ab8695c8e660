package dev.meridian.local.storage;

import java.nio.file.Path;

/** Where s3proxy's file store keeps an object: {@code <root>/<bucket>/<key>}. */
final class ObjectFiles {

  private ObjectFiles() {}

  /**
   * The file of {@code key} in {@code bucket} under {@code root}; null for a bucket that is not a
   * directory right under the root, or a key that would leave its bucket ({@code ..}) or name the
   * bucket itself. Such names are s3proxy's to refuse, not ours to touch.
   */
  static Path inside(Path root, String bucket, String key) {
    Path bucketDir = root.resolve(bucket).normalize();
    Path path = bucketDir.resolve(key).normalize();
    return bucketDir.getParent().equals(root.normalize()) && path.startsWith(bucketDir)
        && !path.equals(bucketDir) ? path : null;
  }
}

package dev.meridian.cli.transfer;

import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;

/**
 * Where an image is written. {@link Transfer} calls blobs (possibly in parallel), then child
 * manifests by digest, then the top manifest, then {@link #commit()}.
 */
public interface ImageDestination extends AutoCloseable {

  /** Whether the blob is there already (then it is not sent). */
  boolean hasBlob(Descriptor blob);

  void putBlob(Descriptor blob, BlobContent content, Progress.Tracker progress);

  /** A manifest: {@code top} is the image itself (tagged), the others children of an index. */
  void putManifest(Manifest manifest, boolean top);

  /** Makes the written image visible (index.json, the archive file); a no-op for registries. */
  default void commit() {}

  /** What to print as the result, e.g. {@code host/repo:tag@sha256:…}. */
  String describe(Manifest top);

  @Override
  default void close() {}
}

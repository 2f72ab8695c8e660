package dev.meridian.cli.transfer;

import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;

/** Where an image is read from: an OCI layout, an archive, or a registry. */
public interface ImageSource extends AutoCloseable {

  /** The image's top manifest (an image manifest or an index). */
  Manifest manifest();

  /** A child manifest of an index, by its descriptor. */
  Manifest child(Descriptor descriptor);

  /** The bytes of a blob the manifest names. */
  BlobContent blob(Descriptor descriptor);

  @Override
  default void close() {}
}

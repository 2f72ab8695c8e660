package dev.meridian.builder;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.nio.file.Path;

/**
 * One layer of an image being built: a base image's (reused by digest: {@code origin} is the
 * repository that holds it, {@code file} null) or one this build wrote ({@code file} set).
 */
record ImageLayer(String mediaType, Digest digest, long size, Digest diffId,
    RepositoryName origin, Path file) {

  static ImageLayer built(String mediaType, LayerFile layer) {
    return new ImageLayer(mediaType, layer.digest(), layer.size(), layer.diffId(), null,
        layer.file());
  }
}

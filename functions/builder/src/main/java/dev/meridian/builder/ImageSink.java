package dev.meridian.builder;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import java.io.InputStream;

/**
 * Port: pushes a built image into this registry the way a client push would, so replication and
 * events follow. The region's adapter is {@link RegistryImageSink}. Failures throw {@link
 * RegistryAccessException}.
 */
public interface ImageSink {

  /** Whether {@code repository} already links the blob (then it is not sent again). */
  boolean hasBlob(RepositoryName repository, Digest digest);

  /** Links a blob that {@code from} holds into {@code repository}; false when it could not. */
  boolean mountBlob(RepositoryName repository, Digest digest, RepositoryName from);

  /** Uploads {@code size} bytes of {@code content} as the blob {@code digest}. */
  void pushBlob(RepositoryName repository, Digest digest, long size, InputStream content);

  /** Puts a manifest by tag; returns the digest the registry computed. */
  Digest pushManifest(RepositoryName repository, Tag tag, String mediaType, byte[] manifest);
}

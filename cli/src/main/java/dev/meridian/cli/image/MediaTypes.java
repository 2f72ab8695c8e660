package dev.meridian.cli.image;

import java.util.Set;

/** The media types the CLI reads and writes (image-spec, Docker image manifest v2 schema 2). */
public final class MediaTypes {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

  /** Sent as {@code Accept} on manifest GETs: every type a registry may hold for an image. */
  public static final String ACCEPT = String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);

  static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);

  private MediaTypes() {}
}

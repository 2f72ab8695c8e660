package dev.meridian.builder;

import dev.meridian.core.oci.Digest;

/** A manifest as the registry serves it: its media type, digest and exact bytes. */
public record FetchedManifest(String mediaType, Digest digest, byte[] bytes) {}

package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;

/** A blob linked into a repository, with the size the link records. */
public record BlobLink(Digest digest, long size) {}

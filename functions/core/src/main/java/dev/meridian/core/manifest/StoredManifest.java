package dev.meridian.core.manifest;

import dev.meridian.core.oci.Digest;

/** A manifest as served: its digest, media type and exact bytes. The array is never modified. */
record StoredManifest(Digest digest, String mediaType, byte[] bytes) {}

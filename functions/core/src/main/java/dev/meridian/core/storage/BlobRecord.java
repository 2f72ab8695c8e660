package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import java.time.Instant;

/** A blob this region holds, content-addressed: its digest, size and when it was stored. */
public record BlobRecord(Digest digest, long size, Instant createdAt) {}

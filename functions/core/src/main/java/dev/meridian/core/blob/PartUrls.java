package dev.meridian.core.blob;

import dev.meridian.core.storage.UploadSession;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Presigned UploadPart URLs of a direct upload's session (docs/uploads.md "Direct uploads"),
 * all valid until {@code expiresAt}.
 */
record PartUrls(UploadSession session, List<PartUrl> parts, Instant expiresAt) {

  /** Where part {@code partNumber} goes: {@code length} bytes of the blob from {@code offset}. */
  record PartUrl(int partNumber, URI url, long offset, long length) {}

  PartUrls {
    parts = List.copyOf(parts);
  }
}

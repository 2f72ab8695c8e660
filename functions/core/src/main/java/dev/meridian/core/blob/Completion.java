package dev.meridian.core.blob;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.UploadSession;

/**
 * What a completing request (or a direct upload's status GET) achieved: the blob exists ({@code
 * created}), or the session goes on ({@code session}: a direct upload still uploading parts or
 * being verified). Exactly one is non-null.
 */
record Completion(Digest created, UploadSession session) {
  static Completion created(Digest digest) {
    return new Completion(digest, null);
  }

  static Completion pending(UploadSession session) {
    return new Completion(null, session);
  }
}

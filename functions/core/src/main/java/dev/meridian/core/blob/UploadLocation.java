package dev.meridian.core.blob;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;

/**
 * The paths and progress header an upload answers with. Paths are relative (the spec allows
 * absolute or relative, RFC 7231 §7.1.2), so they survive any front; {@link SessionLocations}
 * makes a session's Location absolute and signed when the region knows its public endpoint.
 */
public final class UploadLocation {
  private UploadLocation() {}

  /** {@code /v2/<name>/blobs/uploads/<id>}: where the client sends the next request. */
  public static String session(RepositoryName name, String sessionId) {
    return "/v2/" + name.value() + "/blobs/uploads/" + sessionId;
  }

  /** {@code /v2/<name>/blobs/<digest>}: where the finished blob is pulled from. */
  public static String blob(RepositoryName name, Digest digest) {
    return "/v2/" + name.value() + "/blobs/" + digest;
  }

  /**
   * The {@code Range} progress header, {@code 0-<end-of-range>} where end-of-range is "the
   * position of the last uploaded byte" (spec, chunked upload); null when nothing has been
   * uploaded, since then there is no last byte. Distribution answers {@code 0-0} for an empty
   * session, which claims one byte; we send no header instead.
   */
  public static String progress(long size) {
    return size == 0 ? null : "0-" + (size - 1);
  }
}

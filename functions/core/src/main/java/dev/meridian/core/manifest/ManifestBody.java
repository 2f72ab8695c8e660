package dev.meridian.core.manifest;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a manifest request body with a size limit, never holding more than limit + 1 bytes.
 *
 * <p>Over the limit: 413 with {@code MANIFEST_INVALID}. The distribution-spec ("Pushing
 * Manifests") says registries SHOULD answer 413 Payload Too Large and names no code; {@code
 * SIZE_INVALID} means "provided length did not match content length", which is not the case, so
 * Meridian uses {@code MANIFEST_INVALID}, as zot does for the same 4 MiB limit.
 */
final class ManifestBody {
  private ManifestBody() {}

  static byte[] read(InputStream in, long contentLength, long limit) {
    if (contentLength > limit) {
      throw tooLarge(contentLength, limit);
    }
    try {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw tooLarge(bytes.length, limit);
      }
      if (bytes.length == 0) {
        throw new RegistryException(ErrorKind.MANIFEST_INVALID, "empty manifest body");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("reading manifest body failed", e);
    }
  }

  private static RegistryException tooLarge(long size, long limit) {
    return new RegistryException(ErrorKind.MANIFEST_TOO_LARGE,
        "manifest too large: " + (size > limit ? "more than " + limit : size) + " bytes, limit "
            + limit);
  }
}

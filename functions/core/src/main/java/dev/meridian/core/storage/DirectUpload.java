package dev.meridian.core.storage;

import dev.meridian.core.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The direct-upload side of an upload session (docs/uploads.md, "Direct uploads"): the client
 * declared the blob's length and PUTs its parts straight to the session's multipart upload
 * through presigned URLs; the registry then assembles and verifies it.
 *
 * @param length the declared total length ({@code Meridian-Upload-Length})
 * @param partSize every part's size but the last's
 * @param phase where the session is
 * @param digest the digest the completing PUT asked for (VERIFYING, FAILED), else null
 * @param hashed bytes of the assembled object hashed so far (VERIFYING)
 * @param hashState the resumable SHA-256 state after {@code hashed} bytes (VERIFYING), else null
 * @param failure why the upload failed (FAILED), else null
 */
public record DirectUpload(long length, long partSize, Phase phase, Digest digest, long hashed,
    String hashState, String failure) {

  /** UPLOADING: parts arrive; VERIFYING: assembled, being hashed; FAILED: refused, kept to say why. */
  public enum Phase { UPLOADING, VERIFYING, FAILED }

  public static DirectUpload uploading(long length, long partSize) {
    return new DirectUpload(length, partSize, Phase.UPLOADING, null, 0, null, null);
  }

  public DirectUpload verifying(Digest wanted, long hashedBytes, String state) {
    return new DirectUpload(length, partSize, Phase.VERIFYING, wanted, hashedBytes, state, null);
  }

  public DirectUpload failed(String why) {
    return new DirectUpload(length, partSize, Phase.FAILED, digest, hashed, null, why);
  }

  /** The number of parts: {@code ceil(length / partSize)}. */
  public int partCount() {
    return (int) ((length + partSize - 1) / partSize);
  }

  /** Where part {@code number} (1-based) starts in the blob. */
  public long partOffset(int number) {
    return (number - 1) * partSize;
  }

  /** Part {@code number}'s length: the part size, the last part what remains. */
  public long partLength(int number) {
    return Math.min(partSize, length - partOffset(number));
  }

  /** One line for a store's string attribute: {@code v1;length;partSize;phase;digest;hashed;state;failure}. */
  public String encode() {
    return String.join(";", "v1", Long.toString(length), Long.toString(partSize), phase.name(),
        digest == null ? "-" : digest.toString(), Long.toString(hashed),
        hashState == null ? "-" : hashState,
        failure == null ? "-" : Base64.getUrlEncoder().withoutPadding()
            .encodeToString(failure.getBytes(StandardCharsets.UTF_8)));
  }

  public static DirectUpload decode(String text) {
    String[] f = text.split(";", -1);
    if (f.length != 8 || !"v1".equals(f[0])) {
      throw new IllegalArgumentException("unknown direct upload state: " + text);
    }
    return new DirectUpload(Long.parseLong(f[1]), Long.parseLong(f[2]), Phase.valueOf(f[3]),
        "-".equals(f[4]) ? null : Digest.parse(f[4]), Long.parseLong(f[5]),
        "-".equals(f[6]) ? null : f[6],
        "-".equals(f[7]) ? null
            : new String(Base64.getUrlDecoder().decode(f[7]), StandardCharsets.UTF_8));
  }
}

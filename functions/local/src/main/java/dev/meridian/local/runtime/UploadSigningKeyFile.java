package dev.meridian.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC key upload {@code Location}s are signed with ({@code meridian.upload-signing-key}).
 * It persists with the data directory ({@code auth/upload-signing-key}, 0600): with a key made
 * new at every start, an upload interrupted by a restart could not resume, its Location answering
 * 404 "region signature is invalid". With {@code --ephemeral} nothing outlives the
 * run, so a fresh key is all it needs ({@link #fresh}).
 */
public final class UploadSigningKeyFile {

  private static final SecureRandom RANDOM = new SecureRandom();

  private UploadSigningKeyFile() {}

  /** A new random key: 32 bytes, base64. */
  public static String fresh() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The key in {@code file}, written there first (0600, atomically) if missing or empty. */
  public static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!key.isEmpty()) {
          FilePrivacy.restrictFile(file);
          return key;
        }
      }
      FilePrivacy.createPrivateDirectories(file.getParent());
      String key = fresh();
      Path tmp = Files.createTempFile(file.getParent(), "upload-signing-key", ".tmp");
      FilePrivacy.restrictFile(tmp); // before the key is in it
      Files.writeString(tmp, key + "\n", StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the upload signing key " + file, e);
    }
  }
}

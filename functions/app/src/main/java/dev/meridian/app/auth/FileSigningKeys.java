package dev.meridian.app.auth;

import dev.meridian.core.auth.SigningKeySource;
import dev.meridian.core.auth.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The key ring in a file the registry owns (the local runtime's {@code auth/signing-keys.json}
 * under its data directory, mode 0600): created with one random key on first use, rotated in
 * place. Every region of the runtime reads the same file, re-reading it when it changed, so a
 * token issued by one region verifies in all and a rotation reaches all.
 */
public final class FileSigningKeys implements SigningKeySource {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Duration tokenLifetime;
  private final Clock clock;
  private volatile SigningKeys cached;
  private volatile long cachedModified = -1;

  public FileSigningKeys(Path file, Duration tokenLifetime, Clock clock) {
    this.file = file;
    this.tokenLifetime = tokenLifetime;
    this.clock = clock;
  }

  @Override
  public SigningKeys keys() {
    try {
      synchronized (FileSigningKeys.class) {
        if (!Files.exists(file)) {
          write(SigningKeys.generate(clock.instant(), RANDOM));
        }
      }
      long modified = Files.getLastModifiedTime(file).toMillis();
      SigningKeys keys = cached;
      if (keys == null || modified != cachedModified) {
        keys = SigningKeys.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        cached = keys;
        cachedModified = modified;
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read signing keys " + file, e);
    }
  }

  @Override
  public SigningKeys rotate() {
    synchronized (FileSigningKeys.class) {
      SigningKeys next = keys().rotate(clock.instant(), tokenLifetime, RANDOM);
      write(next);
      cached = next;
      return next;
    }
  }

  private void write(SigningKeys keys) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "signing-keys", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions protect it
      }
      Files.writeString(tmp, keys.toJson(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      cachedModified = -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write signing keys " + file, e);
    }
  }
}

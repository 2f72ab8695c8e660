package dev.meridian.core.blob;

import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryUploadSessionStore;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.Hex;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ObjectContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/** The upload service over the in-memory fakes, a settable clock, and byte helpers. */
final class UploadTestSupport {
  static final long MIB = 1024 * 1024;
  static final long PART_SIZE = 8 * MIB;
  static final Duration TTL = Duration.ofHours(1);
  static final RepositoryName REPO = RepositoryName.parse("team/app");

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final InMemoryObjectStore objects = new InMemoryObjectStore("meridian-test", clock);
  final InMemoryMetadataIndex index = new InMemoryMetadataIndex();
  final InMemoryUploadSessionStore store = new InMemoryUploadSessionStore(clock);
  final UploadSessions sessions = new UploadSessions(store, clock, TTL);
  final UploadService service = new UploadService(objects, sessions,
      new ChunkWriter(objects, PART_SIZE), new UploadFinisher(objects, index, sessions, clock));

  UploadService.Chunk chunk(byte[] bytes) {
    return new UploadService.Chunk(new ByteArrayInputStream(bytes), bytes.length, null);
  }

  UploadService.Chunk chunk(byte[] bytes, long start) {
    return new UploadService.Chunk(new ByteArrayInputStream(bytes), bytes.length,
        start + "-" + (start + bytes.length - 1));
  }

  byte[] stored(Digest digest) {
    ObjectContent content = objects.get(dev.meridian.core.storage.StorageLayout.blob(digest))
        .orElseThrow();
    try (content) {
      return content.stream().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] random(long size, long seed) {
    byte[] bytes = new byte[(int) size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static Digest sha256(byte[] bytes) {
    return new Digest(Digest.SHA256, hash("SHA-256", bytes));
  }

  static Digest sha512(byte[] bytes) {
    return new Digest(Digest.SHA512, hash("SHA-512", bytes));
  }

  private static String hash(String algorithm, byte[] bytes) {
    try {
      return Hex.encode(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int total = 0;
    for (byte[] p : parts) {
      total += p.length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** A clock tests move forward. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

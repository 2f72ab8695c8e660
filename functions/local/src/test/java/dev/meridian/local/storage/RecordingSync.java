package dev.meridian.local.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link FileSync} that syncs for real and records, for each call, the file's size and the
 * SHA-256 of its bytes at that moment: what a test can compare with what was acknowledged.
 */
public final class RecordingSync implements FileSync {

  public record Forced(long size, String sha256, String thread) {}

  public final List<Forced> calls = new CopyOnWriteArrayList<>();

  @Override
  public void force(FileChannel channel) throws IOException {
    long size = channel.size();
    calls.add(new Forced(size, sha256(channel, size), Thread.currentThread().getName()));
    channel.force(false);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(FileChannel channel, long size) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      for (long at = 0; at < size; ) {
        buffer.clear();
        int n = channel.read(buffer, at);
        if (n < 0) {
          break;
        }
        digest.update(buffer.array(), 0, n);
        at += n;
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

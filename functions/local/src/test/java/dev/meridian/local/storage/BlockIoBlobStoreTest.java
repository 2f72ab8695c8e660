package dev.meridian.local.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BlockIoBlobStoreTest {

  /** Hands out at most 1,000 bytes per read, as a socket does with whatever has arrived. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1000));
      }
    };
  }

  @Test
  void wholeReads_whenTheSourceTrickles_fillsEveryReadButTheLast() throws IOException {
    byte[] bytes = new byte[8192 * 3 + 100];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    InputStream in = new BlockIoBlobStore.WholeReads(trickle(bytes));
    byte[] block = new byte[8192];

    assertThat(in.read(block, 0, 8192)).isEqualTo(8192);
    assertThat(in.read(block, 0, 8192)).isEqualTo(8192);
    assertThat(in.read(block, 0, 8192)).isEqualTo(8192);
    assertThat(in.read(block, 0, 8192)).isEqualTo(100);
    assertThat(block[99]).isEqualTo(bytes[bytes.length - 1]);
    assertThat(in.read(block, 0, 8192)).isEqualTo(-1);
  }

  @Test
  void wholeReads_passesEveryByteThroughInOrder() throws IOException {
    byte[] bytes = new byte[50_001];
    new java.util.Random(3).nextBytes(bytes);
    try (InputStream in = new BlockIoBlobStore.WholeReads(trickle(bytes))) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }
}

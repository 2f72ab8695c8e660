package dev.meridian.local.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WriteBehind} flushes stretches in the background while the writer goes on, and
 * {@code finish} returns only after a flush that saw every byte; a failed background flush fails
 * the write.
 */
class WriteBehindTest {

  @TempDir
  Path dir;

  @Test
  void finish_afterSeveralStretches_hasFlushedInTheBackgroundAndThenEverything() throws Exception {
    RecordingSync sync = new RecordingSync();
    byte[] chunk = new byte[64 << 10];
    new Random(1).nextBytes(chunk);
    long total = 3 * WriteBehind.STRETCH + 12345;

    try (FileChannel out = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      WriteBehind behind = new WriteBehind(out, sync);
      for (long written = 0; written < total; ) {
        int n = (int) Math.min(chunk.length, total - written);
        out.write(ByteBuffer.wrap(chunk, 0, n));
        written += n;
        behind.wrote(n);
      }
      behind.finish();
    }

    assertThat(sync.calls).hasSizeGreaterThanOrEqualTo(2);
    assertThat(sync.calls.get(0).thread()).isEqualTo("write-behind");
    assertThat(sync.calls.get(0).size()).isBetween(WriteBehind.STRETCH, total);
    RecordingSync.Forced last = sync.calls.get(sync.calls.size() - 1);
    assertThat(last.size()).isEqualTo(total);
    assertThat(last.thread()).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void finish_whenLessThanAStretchWasWritten_flushesOnceOnTheWritersThread() throws Exception {
    RecordingSync sync = new RecordingSync();
    try (FileChannel out = FileChannel.open(dir.resolve("g"), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      WriteBehind behind = new WriteBehind(out, sync);
      out.write(ByteBuffer.wrap(new byte[1000]));
      behind.wrote(1000);
      behind.finish();
    }

    assertThat(sync.calls).singleElement().satisfies(c -> {
      assertThat(c.size()).isEqualTo(1000);
      assertThat(c.thread()).isNotEqualTo("write-behind");
    });
  }

  @Test
  void finish_whenABackgroundFlushFailed_throwsItsError() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    FileSync failingFirst = channel -> {
      if (calls.incrementAndGet() == 1) {
        throw new IOException("EIO from the device");
      }
      channel.force(false);
    };
    try (FileChannel out = FileChannel.open(dir.resolve("h"), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      WriteBehind behind = new WriteBehind(out, failingFirst);
      out.write(ByteBuffer.wrap(new byte[1 << 20]));
      behind.wrote(WriteBehind.STRETCH); // starts the background flush that fails

      assertThatThrownBy(behind::finish).isInstanceOf(IOException.class)
          .hasMessage("EIO from the device");
    }
    assertThat(calls.get()).isEqualTo(1);
  }
}

package dev.meridian.cli.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A blob's bytes that can be opened again from the start (a file, or a GET to the source
 * registry): an upload retried after a token challenge or a failed chunk reads them anew.
 */
@FunctionalInterface
public interface BlobContent {
  InputStream open() throws IOException;

  /**
   * The bytes from {@code offset} on: a direct upload's parts are read this way, in parallel, so
   * no part is ever held in memory. The default skips (a stream from a source registry is read
   * from its start); files seek ({@link #ofFile}).
   */
  default InputStream openAt(long offset) throws IOException {
    InputStream in = open();
    try {
      in.skipNBytes(offset);
      return in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The file holding exactly these bytes, when there is one: senders then hand its regions to the
   * socket (sendfile) instead of reading them through a stream.
   */
  default java.util.Optional<Path> file() {
    return java.util.Optional.empty();
  }

  /** A file's bytes; {@link #openAt} seeks instead of reading up to the offset. */
  static BlobContent ofFile(Path file) {
    return new BlobContent() {
      @Override
      public java.util.Optional<Path> file() {
        return java.util.Optional.of(file);
      }

      @Override
      public InputStream open() throws IOException {
        return openAt(0);
      }

      @Override
      public InputStream openAt(long offset) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
          return Channels.newInputStream(channel.position(offset));
        } catch (IOException e) {
          channel.close();
          throw e;
        }
      }
    };
  }
}

package dev.meridian.cli.registry;

import dev.meridian.cli.http.BulkHttp;
import dev.meridian.cli.transfer.BlobContent;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Bytes [{@code offset}, {@code offset + length}) of a blob as a {@link BulkHttp} request body,
 * opened anew at each send (a retry after a challenge re-reads them): a file's region when the
 * content is a file (sent with sendfile), else the content's stream at the offset (a source
 * registry's blob, read with a {@code Range}). Closing it closes what the sends opened.
 */
final class BlobBody implements Supplier<BulkHttp.Body>, Closeable {

  private final BlobContent content;
  private final long offset;
  private final long length;
  private final List<Closeable> opened = new ArrayList<>();

  BlobBody(BlobContent content, long offset, long length) {
    this.content = content;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public BulkHttp.Body get() {
    try {
      java.util.Optional<Path> file = content.file();
      if (file.isPresent()) {
        FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ);
        opened.add(channel);
        return new BulkHttp.Body.FileRegion(channel, offset, length);
      }
      java.io.InputStream in = content.openAt(offset);
      opened.add(in);
      return new BulkHttp.Body.Stream(in, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Closeable c : opened) {
      try {
        c.close();
      } catch (IOException ignored) {
        // a source we are done with
      }
    }
    opened.clear();
  }
}

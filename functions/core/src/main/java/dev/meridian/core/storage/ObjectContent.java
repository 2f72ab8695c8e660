package dev.meridian.core.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An open object body: {@code length} is the number of bytes {@code stream} yields (the range's
 * length for a ranged read), {@code info} describes the whole object.
 */
public record ObjectContent(ObjectInfo info, long length, InputStream stream) implements Closeable {
  @Override
  public void close() throws IOException {
    stream.close();
  }
}

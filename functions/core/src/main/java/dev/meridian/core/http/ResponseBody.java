package dev.meridian.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A response body that writes itself to the runtime's output stream, so large blobs stream.
 * {@link #length()} is -1 when unknown (the runtime then uses chunked encoding).
 */
public interface ResponseBody {

  long length();

  void writeTo(OutputStream out) throws IOException;

  /**
   * The whole body when it is already in memory (a manifest, an error), else null: a runtime can
   * then send it in one write with the end of the response instead of through a stream.
   */
  default byte[] inMemory() {
    return null;
  }

  static ResponseBody empty() {
    return Empty.INSTANCE;
  }

  static ResponseBody of(byte[] bytes) {
    return new ResponseBody() {
      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
      }

      @Override
      public byte[] inMemory() {
        return bytes;
      }
    };
  }

  /** A body read from {@code stream}, which is closed after writing (or on failure). */
  static ResponseBody of(InputStream stream, long length) {
    return new ResponseBody() {
      @Override
      public long length() {
        return length;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = stream) {
          in.transferTo(out);
        }
      }
    };
  }

  /** Releases resources when the body will not be written (e.g. the client went away). */
  default void discard() {}

  enum Empty implements ResponseBody {
    INSTANCE;

    @Override
    public long length() {
      return 0;
    }

    @Override
    public void writeTo(OutputStream out) {}
  }
}

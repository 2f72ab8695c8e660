package dev.meridian.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build context: a tar archive, gzip-compressed or not (detected from its first bytes). The
 * builder opens it once and streams it; the runner backs it with the uploaded object.
 */
@FunctionalInterface
public interface ContextArchive {
  InputStream open() throws IOException;

  static ContextArchive ofPath(Path path) {
    return () -> Files.newInputStream(path);
  }
}

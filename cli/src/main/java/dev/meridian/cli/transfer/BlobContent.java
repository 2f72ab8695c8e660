package dev.meridian.cli.transfer;

import java.io.IOException;
import java.io.InputStream;

/**
 * A blob's bytes that can be opened again from the start (a file, or a GET to the source
 * registry): an upload retried after a token challenge or a failed chunk reads them anew.
 */
@FunctionalInterface
public interface BlobContent {
  InputStream open() throws IOException;
}

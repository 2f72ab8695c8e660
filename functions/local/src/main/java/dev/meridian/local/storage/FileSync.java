package dev.meridian.local.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * How the local runtime's object files reach the disk before S3 answers: {@code fdatasync} through
 * {@link FileChannel#force force(false)}. An interface so that tests can see when it happens.
 */
public interface FileSync {

  FileSync DATA = channel -> channel.force(false);

  /** No sync: {@code --ephemeral}'s objects, which are removed at exit anyway. */
  FileSync NONE = channel -> { };

  void force(FileChannel channel) throws IOException;
}

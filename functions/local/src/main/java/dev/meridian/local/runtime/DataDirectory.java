package dev.meridian.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's hold on its {@code --data-dir}: the directory is made private to this user and
 * locked for this process until {@link #close}.
 *
 * <p><b>Private.</b> The directory holds DynamoDB Local's database (accounts' bcrypt hashes,
 * webhook secrets and custom header values), the token and upload signing keys, and every image.
 * It is created 0700; an existing one is tightened at start ({@link FilePrivacy}), with a log
 * line saying what was changed.
 *
 * <p><b>Locked.</b> Two runtimes on one directory both started and served, and concurrent writes
 * then failed in DynamoDB Local's SQLite with {@code SQLiteBusyException}. The runtime holds an
 * exclusive lock on {@value #LOCK_FILE} (an OS file lock: released when the process ends, even
 * by {@code kill -9}), and writes its PID there so a second start can name the holder.
 */
public final class DataDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
  static final String LOCK_FILE = "meridian.lock";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates {@code root} (0700), locks it for this process, then tightens what is in it: a start
   * refused because another runtime holds the lock changes nothing of that runtime's files.
   *
   * @throws DataDirectoryInUseException when another runtime holds the lock
   */
  public static DataDirectory open(Path root) {
    DataDirectory locked = null;
    try {
      FilePrivacy.createPrivateDirectories(root);
      locked = lock(root);
      FilePrivacy.Changes changed = FilePrivacy.tighten(root);
      if (!changed.none()) {
        LOG.info("data directory {}: removed group and other access from {} (now 0700 "
            + "directories, 0600 files)", root, changed);
      }
      return locked;
    } catch (IOException e) {
      if (locked != null) {
        locked.close();
      }
      throw new UncheckedIOException("cannot open data directory " + root, e);
    }
  }

  private static DataDirectory lock(Path root) throws IOException {
    Path file = root.resolve(LOCK_FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      FilePrivacy.restrictFile(file);
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // another runtime of this JVM holds it (a JVM's locks are per process)
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = readHolder(channel);
      channel.close();
      throw new DataDirectoryInUseException(root, holder);
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
        .getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
    return new DataDirectory(root, channel, lock);
  }

  /** The PID the holder wrote, or "unknown" if it has not written it yet. */
  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII)
        .strip();
    return pid.matches("[0-9]{1,12}") ? pid : "unknown";
  }

  public Path root() {
    return root;
  }

  /** A subdirectory of the data directory, created 0700 if missing. */
  public Path directory(String name) {
    try {
      return FilePrivacy.createPrivateDirectories(root.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + root.resolve(name), e);
    }
  }

  /** Releases the lock (the lock file stays; its PID is rewritten by the next holder). */
  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.warn("releasing the lock on {} failed: {}", root, e.toString());
    }
  }

  /** A second runtime on a locked data directory; the message names the holder's PID. */
  public static final class DataDirectoryInUseException extends IllegalStateException {
    DataDirectoryInUseException(Path root, String pid) {
      super("data directory " + root + " is in use by another Meridian runtime (pid " + pid
          + "); stop it or start with another --data-dir");
    }
  }
}

package dev.meridian.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code --ephemeral} keeps its objects: a fresh private directory under {@code
 * java.io.tmpdir}, removed when the runtime closes (and by a shutdown hook, for an exit that skips
 * {@code close}). Before this, ephemeral objects lived in s3proxy's in-memory file system, in the
 * JVM heap, three regions' copies of every image: after ~13 GiB of pushes the heap was full and
 * pushes failed with "size invalid". On the disk, ephemeral stores what the disk
 * runtime stores and is bounded by the same thing, the free space of a disk.
 *
 * <p>The directory is locked like a {@code --data-dir} ({@link DataDirectory}), so a runtime
 * killed with {@code kill -9} (no hook runs) leaves a directory nobody holds, and the next
 * ephemeral start removes it; a directory of a runtime still running is left alone.
 */
public final class EphemeralDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EphemeralDirectory.class);
  static final String PREFIX = "meridian-ephemeral-";

  private final DataDirectory locked;
  private final Thread removeAtExit;
  private boolean closed;

  private EphemeralDirectory(DataDirectory locked) {
    this.locked = locked;
    this.removeAtExit = new Thread(() -> removeQuietly(locked.root()), "meridian-ephemeral-cleanup");
  }

  /** Creates and locks a new directory under {@code parent}, after removing stale ones there. */
  public static EphemeralDirectory create(Path parent) {
    removeStale(parent);
    try {
      // createTempDirectory makes it 0700 on POSIX; the parent (often /tmp) is left as it is.
      Path root = Files.createTempDirectory(Files.createDirectories(parent), PREFIX);
      EphemeralDirectory dir = new EphemeralDirectory(DataDirectory.open(root));
      Runtime.getRuntime().addShutdownHook(dir.removeAtExit);
      LOG.info("--ephemeral: objects in {} (removed at exit)", root);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an ephemeral directory under " + parent, e);
    }
  }

  /** {@link #create(Path)} under {@code java.io.tmpdir}. */
  public static EphemeralDirectory create() {
    return create(Path.of(System.getProperty("java.io.tmpdir")));
  }

  public Path root() {
    return locked.root();
  }

  /** A subdirectory, created 0700 if missing. */
  public Path directory(String name) {
    return locked.directory(name);
  }

  /** Unlocks and removes the directory with everything in it. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    locked.close();
    removeQuietly(root());
    try {
      Runtime.getRuntime().removeShutdownHook(removeAtExit);
    } catch (IllegalStateException e) {
      // the JVM is shutting down (close called from a shutdown hook): the hook may run, harmlessly
    }
  }

  /** Removes ephemeral directories under {@code parent} that no running runtime holds. */
  private static void removeStale(Path parent) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
      for (Path dir : dirs) {
        if (!Files.isDirectory(dir) || !Files.isWritable(dir) || !settled(dir)) {
          continue; // another user's, or one whose runtime may be starting right now
        }
        try {
          DataDirectory.open(dir).close(); // the lock was free: its runtime is gone
        } catch (DataDirectory.DataDirectoryInUseException e) {
          continue; // a running ephemeral runtime's
        } catch (UncheckedIOException e) {
          continue;
        }
        LOG.info("removing {}, left by an ephemeral runtime that did not stop cleanly", dir);
        removeQuietly(dir);
      }
    } catch (IOException e) {
      LOG.warn("could not look for stale ephemeral directories in {}: {}", parent, e.toString());
    }
  }

  /**
   * A directory whose lock file was written over a minute ago: a runtime writes it (its PID)
   * right after creating the directory, so a younger one, or none, may be a start in progress.
   */
  private static boolean settled(Path dir) throws IOException {
    Path lock = dir.resolve(DataDirectory.LOCK_FILE);
    return Files.isRegularFile(lock) && Files.getLastModifiedTime(lock).toInstant()
        .isBefore(java.time.Instant.now().minusSeconds(60));
  }

  static void removeQuietly(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", root, e.toString());
    }
  }
}

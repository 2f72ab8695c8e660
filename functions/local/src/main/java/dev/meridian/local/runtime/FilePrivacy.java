package dev.meridian.local.runtime;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Owner-only permissions for the data directory: directories 0700, files 0600 (owner bits kept,
 * every group and other bit removed). On a file system without POSIX permissions nothing is
 * changed: its own access control applies.
 *
 * <p>The writers inside follow the process umask (usually 022): s3proxy's object files and
 * directories, and DynamoDB Local's SQLite files (SQLite creates a database 0644 and gives its
 * {@code -wal} and {@code -shm} files the database's mode). Created inside 0700 directories they
 * are out of other users' reach anyway; the database is set 0600 once open, and everything else
 * is tightened at the next start.
 */
final class FilePrivacy {

  private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private FilePrivacy() {}

  /** How many entries {@link #tighten} changed. */
  record Changes(int directories, int files) {
    boolean none() {
      return directories == 0 && files == 0;
    }

    @Override
    public String toString() {
      return directories + " directories and " + files + " files";
    }
  }

  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Creates {@code dir} and its missing parents 0700, and makes {@code dir} itself 0700. */
  static Path createPrivateDirectories(Path dir) throws IOException {
    if (!posix()) {
      return Files.createDirectories(dir);
    }
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    restrict(dir);
    return dir;
  }

  /** Sets {@code file} 0600 (a file this runtime writes itself). */
  static void restrictFile(Path file) throws IOException {
    if (posix()) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /**
   * Removes group and other access from {@code root} and everything under it; links inside are
   * not followed, but a {@code root} that is a link is (a data directory on another disk).
   */
  static Changes tighten(Path root) throws IOException {
    if (!posix() || !Files.exists(root)) {
      return new Changes(0, 0);
    }
    int[] counts = new int[2];
    Files.walkFileTree(root.toRealPath(), new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        if (restrict(dir)) {
          counts[0]++;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() && restrict(file)) { // a symbolic link is not followed
          counts[1]++;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // gone meanwhile (s3proxy's temp files): nothing to do
      }
    });
    return new Changes(counts[0], counts[1]);
  }

  /** Removes group and other bits from one entry; true if it had any. */
  private static boolean restrict(Path path) throws IOException {
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    if (!permissions.removeAll(GROUP_AND_OTHERS)) {
      return false;
    }
    Files.setPosixFilePermissions(path, permissions);
    return true;
  }
}

package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is private to its user and held by one runtime. */
class DataDirectoryTest {

  @TempDir Path work;

  @Test
  void open_whenMissing_createsItOwnerOnlyWithAPrivateLockFileNamingThisProcess() throws Exception {
    Path root = work.resolve("new/data");

    try (DataDirectory dir = DataDirectory.open(root)) {
      Path sub = dir.directory("dynamodb");

      assertThat(mode(root)).isEqualTo("rwx------");
      assertThat(mode(sub)).isEqualTo("rwx------");
      Path lock = root.resolve(DataDirectory.LOCK_FILE);
      assertThat(mode(lock)).isEqualTo("rw-------");
      assertThat(Files.readString(lock).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
  }

  @Test
  void open_whenExistingTreeIsOpenToOthers_tightensEveryDirectoryAndFile() throws Exception {
    Path root = work.resolve("data");
    Path db = root.resolve("dynamodb/meridianlocal_us-east-1.db");
    Path object = root.resolve("s3/meridian-eastus/blobs/sha256/ab/abc");
    Files.createDirectories(object.getParent());
    Files.createDirectories(db.getParent());
    Files.writeString(db, "accounts and webhook secrets");
    Files.writeString(object, "layer");
    Path script = Files.writeString(root.resolve("run.sh"), "#!/bin/sh");
    for (Path p : new Path[] {root, db.getParent(), object.getParent(), root.resolve("s3")}) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

    DataDirectory.open(root).close();

    assertThat(mode(root)).isEqualTo("rwx------");
    assertThat(mode(db.getParent())).isEqualTo("rwx------");
    assertThat(mode(object.getParent())).isEqualTo("rwx------");
    assertThat(mode(root.resolve("s3/meridian-eastus"))).isEqualTo("rwx------");
    assertThat(mode(db)).isEqualTo("rw-------");
    assertThat(mode(object)).isEqualTo("rw-------");
    assertThat(mode(script)).isEqualTo("rwx------"); // owner bits are kept
    assertThat(Files.readString(db)).isEqualTo("accounts and webhook secrets");
  }

  @Test
  void open_whenTheDirectoryIsALink_tightensWhatItPointsTo() throws Exception {
    Path target = Files.createDirectories(work.resolve("disk/data"));
    Path db = Files.writeString(Files.createDirectories(target.resolve("dynamodb")).resolve("x.db"),
        "secrets");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(work.resolve("data"), target);

    DataDirectory.open(link).close();

    assertThat(mode(target)).isEqualTo("rwx------");
    assertThat(mode(db)).isEqualTo("rw-------");
  }

  @Test
  void open_whenHeldInThisJvm_failsNamingThisPid_andSucceedsOnceReleased() {
    Path root = work.resolve("data");
    DataDirectory first = DataDirectory.open(root);

    assertThatThrownBy(() -> DataDirectory.open(root))
        .isInstanceOf(DataDirectory.DataDirectoryInUseException.class)
        .hasMessageContaining("in use by another Meridian runtime (pid "
            + ProcessHandle.current().pid() + ")");

    first.close();
    DataDirectory.open(root).close();
  }

  @Test
  void open_whenHeldByAnotherRuntime_changesNothingOfItsFiles() throws Exception {
    Path root = work.resolve("data");
    DataDirectory first = DataDirectory.open(root);
    Path file = Files.writeString(root.resolve("written-by-the-holder"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> DataDirectory.open(root))
        .isInstanceOf(DataDirectory.DataDirectoryInUseException.class);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    first.close();
  }

  /**
   * A second {@code meridian-local} process exits 1 at once with the holder's PID; an OS file
   * lock is per process, so this is the case two users' terminals would hit.
   */
  @Test
  void main_whenAnotherProcessHoldsTheDirectory_exitsNonZeroNamingTheHolder() throws Exception {
    Path root = work.resolve("data");
    try (DataDirectory held = DataDirectory.open(root)) {
      Path err = work.resolve("stderr.txt");
      Process second = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "dev.meridian.local.MeridianLocal",
          "--data-dir", root.toString(), "--port", "0")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(err.toFile())
          .start();
      // A hang guard, not a speed check: the lock is the first thing a start takes.
      boolean exited = second.waitFor(2, TimeUnit.MINUTES);
      if (!exited) {
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }

      assertThat(exited).as("the second runtime exited").isTrue();
      assertThat(second.exitValue()).isEqualTo(1);
      assertThat(Files.readString(err, StandardCharsets.UTF_8))
          .contains("meridian-local: data directory " + root
              + " is in use by another Meridian runtime (pid " + ProcessHandle.current().pid()
              + ")");
    }
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

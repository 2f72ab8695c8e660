package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EphemeralDirectoryTest {

  @TempDir Path parent;

  @Test
  void create_makesAPrivateDirectory_andCloseRemovesItWithItsContents() throws Exception {
    EphemeralDirectory dir = EphemeralDirectory.create(parent);
    Path root = dir.root();
    assertThat(root.getParent()).isEqualTo(parent);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .isEqualTo("rwx------");
    Files.write(Files.createDirectories(dir.directory("s3").resolve("bucket")).resolve("object"),
        new byte[1024]);

    dir.close();
    dir.close(); // idempotent

    assertThat(root).doesNotExist();
    assertThat(parent).isDirectory();
  }

  @Test
  void create_removesAStaleDirectory_butNotOneARunningRuntimeHolds_norAYoungOne()
      throws Exception {
    Path stale = Files.createDirectories(parent.resolve(EphemeralDirectory.PREFIX + "stale"));
    Files.writeString(stale.resolve(DataDirectory.LOCK_FILE), "4242\n");
    Files.setLastModifiedTime(stale.resolve(DataDirectory.LOCK_FILE),
        FileTime.from(Instant.now().minusSeconds(3600)));
    Files.write(Files.createDirectories(stale.resolve("s3/b")).resolve("o"), new byte[10]);
    Path young = Files.createDirectories(parent.resolve(EphemeralDirectory.PREFIX + "young"));
    try (EphemeralDirectory running = EphemeralDirectory.create(parent)) {
      Files.setLastModifiedTime(running.root().resolve(DataDirectory.LOCK_FILE),
          FileTime.from(Instant.now().minusSeconds(3600)));

      try (EphemeralDirectory next = EphemeralDirectory.create(parent)) {
        assertThat(stale).as("its runtime is gone").doesNotExist();
        assertThat(running.root()).as("held by a running runtime").isDirectory();
        assertThat(young).as("no lock file yet: a start may be in progress").isDirectory();
        assertThat(next.root()).isDirectory();
      }
    }
  }
}

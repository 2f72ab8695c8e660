package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload signing key outlives a restart; only its owner reads it. */
class UploadSigningKeyFileTest {

  @TempDir Path work;

  @Test
  void readOrCreate_whenCalledAgain_returnsTheSameKeyFromAnOwnerOnlyFile() throws Exception {
    Path file = work.resolve("data/auth/upload-signing-key");

    String first = UploadSigningKeyFile.readOrCreate(file);
    String again = UploadSigningKeyFile.readOrCreate(file);

    assertThat(again).isEqualTo(first);
    assertThat(Base64.getDecoder().decode(first)).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void fresh_isNewEachTime() {
    assertThat(UploadSigningKeyFile.fresh()).isNotEqualTo(UploadSigningKeyFile.fresh());
  }
}

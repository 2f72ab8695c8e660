package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** An uploaded context streams to a temp file, hashed, bounded; nothing is left behind. */
class ContextUploadTest {

  @Test
  void read_whenWithinTheBound_hashesAndKeepsTheBytes() throws Exception {
    byte[] bytes = "a context".getBytes();
    List<Path> before = uploads();

    try (ContextUpload upload = ContextUpload.read(new ByteArrayInputStream(bytes), 9)) {
      assertThat(upload.size()).isEqualTo(9);
      assertThat(upload.digest()).isEqualTo(
          Digest.sha256(MessageDigest.getInstance("SHA-256").digest(bytes)));
      try (InputStream in = upload.open()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
    }
    assertThat(uploads()).isEqualTo(before);
  }

  @Test
  void read_whenOverTheBound_isInvalidInput_andLeavesNoFile() throws IOException {
    List<Path> before = uploads();

    assertThatThrownBy(() -> ContextUpload.read(new ByteArrayInputStream(new byte[11]), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("request body over 10 bytes");
    assertThat(uploads()).isEqualTo(before);
  }

  private static List<Path> uploads() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("meridian-upload-")).sorted()
          .toList();
    }
  }
}

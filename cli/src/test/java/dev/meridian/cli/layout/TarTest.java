package dev.meridian.cli.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.cli.error.CliException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar the archives use: round trip, long names, and no escape from the target directory. */
class TarTest {

  @TempDir Path work;

  @Test
  void writeThenExtract_keepsNamesOver100BytesAndContent() throws Exception {
    Path src = Files.createDirectories(work.resolve("src"));
    String longName = "d/" + "x".repeat(120) + ".txt";
    Files.createDirectories(src.resolve("d"));
    Files.writeString(src.resolve(longName), "long");
    Files.writeString(src.resolve("short.txt"), "short");
    Path tar = work.resolve("a.tar");
    Tar.write(src, List.of(longName, "short.txt"), tar);

    Path out = Files.createDirectories(work.resolve("out"));
    Tar.extract(tar, out);
    assertThat(out.resolve(longName)).hasContent("long");
    assertThat(out.resolve("short.txt")).hasContent("short");
  }

  @Test
  void extract_entryEscapingTheDirectory_isRefused() throws Exception {
    Path src = Files.createDirectories(work.resolve("evil"));
    Files.writeString(src.resolve("x"), "pwned");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Tar.write(src, List.of("x"), bytes);
    byte[] archive = bytes.toByteArray();
    byte[] name = "../escaped".getBytes(StandardCharsets.US_ASCII);
    java.util.Arrays.fill(archive, 0, 100, (byte) 0);
    System.arraycopy(name, 0, archive, 0, name.length); // the checksum is not checked on read
    Path tar = work.resolve("evil.tar");
    Files.write(tar, archive);

    Path out = Files.createDirectories(work.resolve("out"));
    assertThatThrownBy(() -> Tar.extract(tar, out)).isInstanceOf(CliException.class).hasMessageContaining("outside");
    assertThat(work.resolve("escaped")).doesNotExist();
  }
}

package dev.meridian.local.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JarMainInstaller} on a jar shaped like Boot's: a launcher Main-Class, a stored entry. */
class JarMainInstallerTest {

  private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
  private static final String NESTED = "BOOT-INF/lib/nested.jar";

  @TempDir Path work;

  @Test
  void install_makesJarMainTheMainClassAndKeepsBootsLauncher() throws IOException {
    Path jar = bootLikeJar();

    JarMainInstaller.install(jar);

    try (JarFile file = new JarFile(jar.toFile())) {
      Attributes main = file.getManifest().getMainAttributes();
      assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo(JarMain.class.getName());
      assertThat(main.getValue(JarMain.BOOT_MAIN)).isEqualTo(BOOT_LAUNCHER);
      assertThat(main.getValue("Start-Class")).isEqualTo(FastStart.class.getName());
      for (Class<?> c : JarMainInstaller.ROOT_CLASSES) {
        assertThat(file.getEntry(c.getName().replace('.', '/') + ".class")).isNotNull();
      }
      assertThat(file.getEntry("dev/meridian/local/start/FastStart.class"))
          .as("FastStart stays in BOOT-INF: at the root it could not reach MeridianLocal").isNull();
    }
  }

  @Test
  void install_keepsNestedJarsStored() throws IOException {
    Path jar = bootLikeJar();

    JarMainInstaller.install(jar);

    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry nested = file.getEntry(NESTED);
      assertThat(nested.getMethod()).isEqualTo(ZipEntry.STORED);
      assertThat(new String(file.getInputStream(nested).readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("nested bytes");
    }
  }

  @Test
  void install_twice_keepsBootsLauncherAsTheFallback() throws IOException {
    Path jar = bootLikeJar();

    JarMainInstaller.install(jar);
    JarMainInstaller.install(jar);

    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue(JarMain.BOOT_MAIN))
          .isEqualTo(BOOT_LAUNCHER);
    }
  }

  private Path bootLikeJar() throws IOException {
    Path jar = work.resolve("meridian-local.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, BOOT_LAUNCHER);
    manifest.getMainAttributes().putValue("Start-Class", FastStart.class.getName());
    byte[] bytes = "nested bytes".getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      ZipEntry nested = new ZipEntry(NESTED);
      nested.setMethod(ZipEntry.STORED);
      nested.setSize(bytes.length);
      CRC32 crc = new CRC32();
      crc.update(bytes);
      nested.setCrc(crc.getValue());
      jarOut.putNextEntry(nested);
      jarOut.write(bytes);
      jarOut.closeEntry();
    }
    return jar;
  }
}

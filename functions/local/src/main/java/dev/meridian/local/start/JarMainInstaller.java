package dev.meridian.local.start;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Build step of {@link FastStartBuild}: makes {@link JarMain} the Main-Class of
 * {@code meridian-local.jar}. Copies it and the classes it needs to the jar's root (where the
 * JVM's own class loader finds them) and keeps Boot's launcher as {@value JarMain#BOOT_MAIN}.
 * The jar is rewritten by the JDK's zip file system, which copies every other entry as it is
 * (Boot needs its nested jars stored, not deflated).
 */
final class JarMainInstaller {

  /** What goes to the jar's root: JarMain and all it uses besides the JDK. */
  static final List<Class<?>> ROOT_CLASSES =
      List.of(JarMain.class, ChildJvm.class, ExtractedLayout.class);

  private JarMainInstaller() {}

  /** Installs into {@code jar}; running it again changes nothing more. */
  static void install(Path jar) throws IOException {
    try (FileSystem zip = FileSystems.newFileSystem(jar)) {
      for (Class<?> c : ROOT_CLASSES) {
        String entry = c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
          if (in == null) {
            throw new IOException("class file " + entry + " not found");
          }
          Path target = zip.getPath(entry);
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path entry = zip.getPath("META-INF", "MANIFEST.MF");
      Manifest manifest;
      try (InputStream in = Files.newInputStream(entry)) {
        manifest = new Manifest(in);
      }
      Attributes main = manifest.getMainAttributes();
      String current = main.getValue(Attributes.Name.MAIN_CLASS);
      if (!JarMain.class.getName().equals(current)) {
        main.putValue(JarMain.BOOT_MAIN, current);
        main.put(Attributes.Name.MAIN_CLASS, JarMain.class.getName());
        try (OutputStream out = Files.newOutputStream(entry)) {
          manifest.write(out);
        }
      }
    }
  }
}

package dev.meridian.local.start;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What the Maven build of functions/local puts next to {@code meridian-local.jar} for a fast
 * start ({@link FastStartBuild}): the jar unpacked by Spring Boot's {@code jarmode=tools extract}
 * (a thin jar whose manifest lists {@code lib/*.jar}) and an AppCDS archive of the classes a start
 * loads, made by a training start. A stamp records the jar (size, modification time) and the JVM
 * (home, version) the archive was made with: the archive is only good for exactly those.
 *
 * <pre>
 * target/meridian-local.jar
 * target/meridian-local-extracted/meridian-local.jar    thin jar, Class-Path lib/…
 * target/meridian-local-extracted/lib/*.jar             every dependency, as plain jars
 * target/meridian-local-extracted/meridian-local.jsa    the AppCDS archive
 * target/meridian-local-extracted/fast-start.properties the stamp (written last)
 * </pre>
 *
 * @param directory the extracted layout's directory
 * @param thinJar the thin jar to put on the class path
 * @param archive the AppCDS archive
 */
public record ExtractedLayout(Path directory, Path thinJar, Path archive) {

  static final String STAMP = "fast-start.properties";

  /** The layout for {@code jar}: {@code <jar name without .jar>-extracted} beside it. */
  public static ExtractedLayout besideJar(Path jar) {
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    Path dir = jar.toAbsolutePath().resolveSibling(name + "-extracted");
    return new ExtractedLayout(dir, dir.resolve(jar.getFileName()), dir.resolve(name + ".jsa"));
  }

  /**
   * The complete layout made from {@code jar} by the JVM running now; empty when there is none
   * (a jar copied without it, a package with {@code -Dmeridian.fast-start.skip}), or when it was
   * made from another build of the jar or with another JVM.
   */
  public static Optional<ExtractedLayout> matching(Path jar) {
    ExtractedLayout layout = besideJar(jar);
    Path stamp = layout.directory().resolve(STAMP);
    if (!Files.isRegularFile(stamp) || !Files.isRegularFile(layout.thinJar())
        || !Files.isRegularFile(layout.archive())) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(stamp)) {
      Properties recorded = new Properties();
      recorded.load(in);
      return recorded.equals(stampOf(jar)) ? Optional.of(layout) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Writes the stamp for {@code jar} and this JVM: the layout is complete from now on. */
  void writeStamp(Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(directory.resolve(STAMP))) {
      stampOf(jar).store(out, "the jar and JVM meridian-local.jsa was made for");
    }
  }

  private static Properties stampOf(Path jar) throws IOException {
    Properties p = new Properties();
    p.setProperty("jar.size", Long.toString(Files.size(jar)));
    p.setProperty("jar.modified", Long.toString(Files.getLastModifiedTime(jar).toMillis()));
    p.setProperty("java.home", System.getProperty("java.home"));
    p.setProperty("java.vm.version", System.getProperty("java.vm.version"));
    return p;
  }
}

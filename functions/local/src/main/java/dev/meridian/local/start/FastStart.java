package dev.meridian.local.start;

import dev.meridian.local.MeridianLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The main class of {@code java -jar meridian-local.jar} (the Boot jar's Start-Class). When the
 * Maven build left the extracted layout and AppCDS archive beside the jar ({@link
 * ExtractedLayout}) and they were made from this jar with this JVM, it runs the runtime in a
 * child JVM on that layout ({@link ChildJvm}): plain jars on the class path and the classes
 * already parsed and verified in the archive, instead of Boot's nested-jar class loader defining
 * every class from ~170 nested jars. Otherwise (a copied jar, another JVM, a debugger agent,
 * {@code -Dmeridian.fast-start=false}) it starts in this JVM as before. docs/local-runtime.md
 * "Fast start" has the trade-off; docs/benchmarks.md "Start time" the measurement.
 */
public final class FastStart {

  /** {@code -Dmeridian.fast-start=false}: always start in this JVM. */
  static final String SWITCH = "meridian.fast-start";

  private FastStart() {}

  public static void main(String[] args) throws Exception {
    Optional<ExtractedLayout> layout = Boolean.parseBoolean(System.getProperty(SWITCH, "true"))
        ? runningJar().flatMap(ExtractedLayout::matching)
        : Optional.empty();
    Optional<ChildJvm> child = layout.flatMap(ChildJvm::of);
    if (child.isEmpty()) {
      MeridianLocal.main(args);
      return;
    }
    System.exit(child.get().run(args));
  }

  /** The jar {@code java -jar} runs: then the class path is exactly that jar. */
  private static Optional<Path> runningJar() {
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
      return Optional.empty();
    }
    Path jar = Path.of(classPath);
    return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
  }
}

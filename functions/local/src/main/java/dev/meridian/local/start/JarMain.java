package dev.meridian.local.start;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * The Main-Class of {@code meridian-local.jar} once the Maven build has made the fast-start layout
 * ({@link FastStartBuild} puts this class, {@link ChildJvm} and {@link ExtractedLayout} at the
 * jar's root). Loaded by the JVM's own class loader, it starts the child JVM without Spring Boot's
 * launcher first indexing the ~170 nested jars: that took the launcher JVM ~0.5 s of a ~4 s start
 * (docs/benchmarks.md "Start time"). Anything else ({@code -Djarmode=…}, no matching layout,
 * {@code -Dmeridian.fast-start=false}) goes to Boot's launcher, named in the manifest as {@value
 * #BOOT_MAIN}, exactly as before the build changed the Main-Class.
 *
 * <p>Only the JDK is on the class path here: this class may use nothing but the JDK and the two
 * classes copied beside it.
 */
public final class JarMain {

  /** The manifest attribute that keeps Boot's launcher class. */
  public static final String BOOT_MAIN = "Meridian-Boot-Main-Class";

  private JarMain() {}

  public static void main(String[] args) throws Throwable {
    if (System.getProperty("jarmode") == null) {
      Optional<ChildJvm> child = ChildJvm.forRunningJar();
      if (child.isPresent()) {
        System.exit(child.get().run(args));
      }
    }
    try {
      Class.forName(bootMain()).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String bootMain() throws java.io.IOException {
    Path jar = Path.of(System.getProperty("java.class.path"));
    try (JarFile file = new JarFile(jar.toFile())) {
      String main = file.getManifest().getMainAttributes().getValue(BOOT_MAIN);
      if (main == null) {
        throw new IllegalStateException(jar + ": no " + BOOT_MAIN + " in its manifest");
      }
      return main;
    }
  }
}

package dev.meridian.local.start;

import dev.meridian.local.MeridianLocal;
import java.util.Optional;

/**
 * The Boot jar's Start-Class, which Boot's launcher runs in its nested-jar class loader: reached
 * when {@link JarMain} (the jar's Main-Class once the build has made the layout) starts no child,
 * or in a jar whose build made no layout. It tries once more, then starts in-process. When the
 * Maven build left the extracted layout and AppCDS archive beside the jar ({@link
 * ExtractedLayout}) and they were made from this jar with this JVM, it runs the runtime in a
 * child JVM on that layout ({@link ChildJvm}): plain jars on the class path and the classes
 * already parsed and verified in the archive, instead of Boot's nested-jar class loader defining
 * every class from ~170 nested jars. Otherwise (a copied jar, another JVM, a debugger agent,
 * {@code -Dmeridian.fast-start=false}) it starts in this JVM as before. docs/local-runtime.md
 * "Fast start" has the trade-off; docs/benchmarks.md "Start time" the measurement.
 */
public final class FastStart {

  private FastStart() {}

  public static void main(String[] args) throws Exception {
    Optional<ChildJvm> child = ChildJvm.forRunningJar();
    if (child.isEmpty()) {
      MeridianLocal.main(args);
      return;
    }
    System.exit(child.get().run(args));
  }
}

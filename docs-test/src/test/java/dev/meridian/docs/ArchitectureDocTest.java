package dev.meridian.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/architecture.md names every module of the build and every package of main code, as they are. */
class ArchitectureDocTest {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  @Test
  void architecturePage_namesEveryModule() throws IOException {
    String page = Repository.read(Path.of("docs/architecture.md"));
    TreeSet<String> missing = new TreeSet<>();
    for (String module : modules()) {
      if (!page.contains("`" + module + "`")) {
        missing.add(module);
      }
    }
    assertThat(missing).as("modules of pom.xml not named (in backticks) in docs/architecture.md").isEmpty();
  }

  @Test
  void architecturePage_namesEveryPackageOfMainCode() throws IOException {
    String page = Repository.read(Path.of("docs/architecture.md"));
    TreeSet<String> missing = new TreeSet<>();
    for (String module : modules()) {
      for (String pkg : packages(Repository.root().resolve(module).resolve("src/main/java"))) {
        // The tables name a package without the common dev.meridian. prefix: `core.oci`.
        String shortName = pkg.replaceFirst("^dev\\.meridian\\.", "");
        if (!page.contains("`" + shortName + "`") && !page.contains("`" + pkg + "`")) {
          missing.add(module + ": " + pkg);
        }
      }
    }
    assertThat(missing).as("packages under src/main not named in docs/architecture.md").isEmpty();
  }

  private static List<String> modules() throws IOException {
    Matcher m = MODULE.matcher(Files.readString(Repository.root().resolve("pom.xml")));
    return m.results().map(r -> r.group(1).strip()).toList();
  }

  private static TreeSet<String> packages(Path sources) throws IOException {
    TreeSet<String> packages = new TreeSet<>();
    if (!Files.isDirectory(sources)) {
      return packages;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(p -> p.toString().endsWith(".java"))
          .map(p -> sources.relativize(p.getParent()).toString().replace('/', '.'))
          .forEach(packages::add);
    }
    return packages;
  }
}

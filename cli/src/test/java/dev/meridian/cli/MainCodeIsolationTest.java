package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a client of the public API only (docs/cli.md): its main code may use no
 * class of functions/* — only dev.meridian.cli — and neither Spring nor the AWS SDK. The test
 * classpath has the server (the e2e tests start it), so this reads the sources, where a fully
 * qualified use would also show.
 */
class MainCodeIsolationTest {

  private static final Pattern FORBIDDEN = Pattern.compile(
      "\\b(dev\\.meridian\\.(?!cli\\b)[a-z]+\\.|org\\.springframework\\.|software\\.amazon\\.)");

  @Test
  void mainSources_referenceNoServerSpringOrAwsClass() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    try (Stream<Path> files = Files.walk(main)) {
      List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
          .flatMap(MainCodeIsolationTest::offendingLines).toList();
      assertThat(offenders).isEmpty();
    }
  }

  @Test
  void pattern_catchesAServerImport_andAllowsTheCliOwn() {
    assertThat(FORBIDDEN.matcher("import dev.meridian.core.oci.Digest;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("x = new dev.meridian.local.LocalRuntime();").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import software.amazon.awssdk.services.s3.S3Client;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import dev.meridian.cli.http.RegistryClient;").find()).isFalse();
  }

  private static Stream<String> offendingLines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> FORBIDDEN.matcher(l).find()).map(l -> file + ": " + l.strip());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

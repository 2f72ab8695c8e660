package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.naming.Seed;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CloudFormation checks the {@code RegionSeed} parameter with a regular expression of its own; it
 * must be {@link Seed#PATTERN}, the one grammar the functions check {@code MERIDIAN_SEED} with, so
 * a deploy refuses exactly the seeds a function would refuse at start.
 */
class RegionSeedPatternTest {

  @Test
  void regionSeedParameter_allowedPattern_isSeedPattern() throws IOException {
    List<String> lines = Files.readAllLines(TemplateTest.TEMPLATE);
    int parameter = lines.indexOf("  RegionSeed:");
    assertThat(parameter).as("template.yaml declares RegionSeed").isPositive();
    String pattern = lines.subList(parameter + 1, lines.size()).stream()
        .takeWhile(l -> l.startsWith("    ")).map(String::strip)
        .filter(l -> l.startsWith("AllowedPattern:")).findFirst().orElseThrow()
        .substring("AllowedPattern:".length()).strip();

    assertThat(pattern).isEqualTo("\"" + Seed.PATTERN + "\"");
  }
}

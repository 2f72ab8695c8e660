package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.naming.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionsFileTest {

  @Test
  void read_whenCommentsAndBlankLines_keepsRegionsInOrder(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("regions"), """
        # name       seed
        eastus       aa

        westeurope\tab   # added second
        """);

    assertThat(RegionsFile.read(file)).containsExactly(
        new RegionSpec("eastus", new Seed("aa")), new RegionSpec("westeurope", new Seed("ab")));
  }

  @Test
  void parse_whenBadLines_failsNamingTheLine() {
    assertThatThrownBy(() -> parse("eastus aa", "westeurope")).hasMessage(
        "f:2: expected '<name> <seed> [capacity]', got 'westeurope'");
    assertThatThrownBy(() -> parse("eastus aa 2 extra")).hasMessageStartingWith("f:1: expected");
    assertThatThrownBy(() -> parse("eastus aa two")).hasMessage(
        "f:1: bad build capacity 'two': a number");
    assertThatThrownBy(() -> parse("eastus aa 0")).hasMessageStartingWith(
        "f:1: bad build capacity 0 for region eastus");
    assertThatThrownBy(() -> parse("EastUS aa")).hasMessageStartingWith("f:1: bad region name");
    assertThatThrownBy(() -> parse("../x aa")).hasMessageStartingWith("f:1: bad region name");
    assertThatThrownBy(() -> parse("eastus az")).hasMessageStartingWith("f:1: bad seed 'az'");
    assertThatThrownBy(() -> parse("eastus aaa")).hasMessageStartingWith("f:1: bad seed");
    assertThatThrownBy(() -> parse("eastus aa", "eastus ab")).hasMessage(
        "f:2: region eastus listed twice");
    assertThatThrownBy(() -> parse("eastus aa", "westus aa")).hasMessage(
        "f:2: seed aa already used");
    assertThatThrownBy(() -> parse("# nothing", "")).hasMessage("f: no regions");
  }

  @Test
  void parse_whenCapacityColumn_setsBuildCapacity_elseDefaultTwo() {
    assertThat(parse("eastus aa 1", "westeurope ab", "canadacentral ac 8"))
        .extracting(RegionSpec::buildCapacity).containsExactly(1, 2, 8);
  }

  @Test
  void read_whenMissingFile_failsNamingIt(@TempDir Path dir) {
    assertThatThrownBy(() -> RegionsFile.read(dir.resolve("nope")))
        .hasMessageStartingWith("cannot read regions file " + dir.resolve("nope"));
  }

  private static List<RegionSpec> parse(String... lines) {
    return RegionsFile.parse("f", List.of(lines));
  }
}

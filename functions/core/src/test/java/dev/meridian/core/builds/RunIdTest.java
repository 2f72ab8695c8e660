package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.naming.Seed;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunIdTest {

  @Test
  void format_whenSeedAndSequence_concatenatesWithoutPadding() {
    assertThat(new RunId(new Seed("aa"), 1)).hasToString("aa1");
    assertThat(new RunId(new Seed("aa"), 34)).hasToString("aa12");
    assertThat(new RunId(new Seed("ab"), 111)).hasToString("ab3f");
  }

  @Test
  void parse_whenFormatted_roundTrips() {
    Random random = new Random(7L);
    for (int i = 0; i < 50_000; i++) {
      RunId id = new RunId(RegionSeeds.seedAt(random.nextInt(RegionSeeds.CAPACITY)),
          1 + (random.nextLong() >>> (1 + random.nextInt(63))));
      assertThat(RunId.parse(id.toString())).isEqualTo(id);
    }
  }

  @Test
  void parse_whenSameSeedAndLength_stringOrderIsSequenceOrder() {
    Random random = new Random(11L);
    for (int i = 0; i < 50_000; i++) {
      RunId a = new RunId(new Seed("ac"), 1 + random.nextInt(1 << 15));
      RunId b = new RunId(new Seed("ac"), 1 + random.nextInt(1 << 15));
      if (a.toString().length() == b.toString().length()) {
        assertThat(Integer.signum(a.toString().compareTo(b.toString())))
            .isEqualTo(Integer.signum(a.compareTo(b)));
      }
    }
  }

  @Test
  void parse_whenBadText_failsClearly() {
    assertThatThrownBy(() -> RunId.parse("aa")).hasMessageContaining("e.g. aa1");
    assertThatThrownBy(() -> RunId.parse("")).hasMessageContaining("e.g. aa1");
    assertThatThrownBy(() -> RunId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RunId.parse("aa0")).hasMessageContaining("never padded");
    assertThatThrownBy(() -> RunId.parse("aa01")).hasMessageContaining("never padded");
    assertThatThrownBy(() -> RunId.parse("AA1")).hasMessageContaining("lower case");
    assertThatThrownBy(() -> RunId.parse("ai1")).hasMessageContaining("'i'");
    assertThatThrownBy(() -> RunId.parse("aa1o")).hasMessageContaining("'o'");
    assertThatThrownBy(() -> RunId.parse("za1")).hasMessageContaining("'z'");
    assertThatThrownBy(() -> new RunId(new Seed("aa"), 0)).hasMessageContaining("start at 1");
    assertThat(RunId.isValid("aa7")).isTrue();
    assertThat(RunId.isValid("aal")).isFalse();
  }

  @Test
  void seedAt_whenRegionsAdded_countsFromAaThenCarries() {
    assertThat(RegionSeeds.seedAt(0)).isEqualTo(new Seed("aa"));
    assertThat(RegionSeeds.seedAt(1)).isEqualTo(new Seed("ab"));
    assertThat(RegionSeeds.seedAt(2)).isEqualTo(new Seed("ac"));
    assertThat(RegionSeeds.seedAt(8)).isEqualTo(new Seed("aj")); // i is skipped
    assertThat(RegionSeeds.seedAt(21)).isEqualTo(new Seed("ay"));
    assertThat(RegionSeeds.seedAt(22)).isEqualTo(new Seed("b0"));
    assertThat(RegionSeeds.seedAt(RegionSeeds.CAPACITY - 1)).isEqualTo(new Seed("yy"));
    for (int i = 0; i < RegionSeeds.CAPACITY; i++) {
      Seed seed = RegionSeeds.seedAt(i);
      assertThat(Seed.isValid(seed.value())).isTrue(); // what MeridianProperties accepts
      assertThat(RegionSeeds.indexOf(seed)).isEqualTo(i);
      if (i > 0) {
        assertThat(seed).isGreaterThan(RegionSeeds.seedAt(i - 1));
      }
    }
    assertThatThrownBy(() -> RegionSeeds.seedAt(RegionSeeds.CAPACITY)).hasMessageContaining("no seed");
    assertThatThrownBy(() -> RegionSeeds.indexOf(new Seed("a9"))).hasMessageContaining("before aa");
  }
}

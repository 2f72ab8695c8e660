package dev.meridian.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.naming.Seed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionAndClockTest {

  @Test
  void version_ordersByMillisThenCounterThenSeed_andStringSortsTheSame() {
    List<Version> ordered = List.of(new Version(5, 0, new Seed("ab")), new Version(5, 1, new Seed("aa")),
        new Version(5, 1, new Seed("ab")), new Version(6, 0, new Seed("aa")));
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(ordered.get(i)).isGreaterThan(ordered.get(i - 1));
      assertThat(ordered.get(i).toString()).isGreaterThan(ordered.get(i - 1).toString());
      assertThat(ordered.get(i).isNewerThan(ordered.get(i - 1))).isTrue();
    }
    assertThat(ordered.get(0).isNewerThan(null)).isTrue();
  }

  @Test
  void version_stringRoundTrip_andInvalidRejected() {
    Version v = new Version(1_700_000_000_123L, 42, new Seed("ac"));
    assertThat(v.toString()).isEqualTo("001700000000123-000042-ac");
    assertThat(Version.parse(v.toString())).isEqualTo(v);
    assertThatThrownBy(() -> Version.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Version(1, 0, new Seed("zz"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clock_whenWallClockStandsStill_versionsStillIncrease() {
    HybridLogicalClock hlc = new HybridLogicalClock(
        Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC), new Seed("aa"));
    List<Version> issued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      issued.add(hlc.next());
    }
    assertThat(issued).isSorted().doesNotHaveDuplicates();
    assertThat(issued.get(0).millis()).isEqualTo(1000);
  }

  @Test
  void clock_afterObservingAFutureVersion_issuesHigherOnes() {
    HybridLogicalClock hlc = new HybridLogicalClock(
        Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC), new Seed("aa"));
    Version peer = new Version(9_000, 7, new Seed("ab"));
    hlc.observe(peer);
    assertThat(hlc.next()).isGreaterThan(peer);
    hlc.observe(new Version(10, 0, new Seed("ab"))); // an older version does not move the clock back
    assertThat(hlc.next().millis()).isEqualTo(9_000);
  }
}

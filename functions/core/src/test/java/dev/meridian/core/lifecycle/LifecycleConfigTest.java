package dev.meridian.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.auth.RepositoryPattern;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.lifecycle.rules.LifecycleConfig;
import dev.meridian.core.lifecycle.rules.LifecycleStore;
import dev.meridian.core.lifecycle.rules.RetentionRule;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.version.HybridLogicalClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleConfigTest {
  private final LifecycleStore east = new LifecycleStore(new InMemoryObjectStore("east"));
  private final LifecycleStore west = new LifecycleStore(new InMemoryObjectStore("west"));
  private final Map<String, LifecycleStore> both = Map.of("eastus", east, "westeurope", west);

  @Test
  void putRetention_whenWrittenInOneRegion_isReadInEvery() {
    config(east, "aa", 1000).putRetention(rule("keep", 3));

    assertThat(config(west, "ab", 1000).retention()).extracting(RetentionRule::keepLast)
        .containsExactly(3);
  }

  @Test
  void putRetention_whenTwoRegionsWriteOneRule_everyRegionKeepsTheLaterWrite() {
    config(east, "aa", 2000).putRetention(rule("keep", 5));
    config(west, "ab", 1000).putRetention(rule("keep", 9)); // observes east's version first

    assertThat(config(east, "aa", 3000).retention(("keep")).orElseThrow().keepLast())
        .isEqualTo(9);
    assertThat(config(west, "ab", 3000).retention(("keep")).orElseThrow().keepLast())
        .isEqualTo(9);
  }

  @Test
  void removeRetention_whenRemoved_isGoneEverywhere_andARemovalOfNothingSaysSo() {
    LifecycleConfig c = config(east, "aa", 1000);
    c.putRetention(rule("keep", 1));

    assertThat(c.removeRetention("keep")).isTrue();
    assertThat(config(west, "ab", 2000).retention()).isEmpty();
    assertThat(c.removeRetention("keep")).isFalse();
  }

  private LifecycleConfig config(LifecycleStore local, String seed, long millis) {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    return new LifecycleConfig(local, both, new HybridLogicalClock(clock, new Seed(seed)));
  }

  private static RetentionRule rule(String name, int keepLast) {
    return new RetentionRule(name, RepositoryPattern.of("app/**"), keepLast, null, null,
        List.of(), null);
  }
}

package dev.meridian.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.ReplicationListener;
import dev.meridian.core.version.Version;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicationLagMeterTest {
  private final List<String> recorded = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);

  @AfterEach
  void uninstall() {
    GlobalMetrics.install(null);
  }

  @Test
  void tagChanged_fromAPeer_recordsLagPerPeer_andHandsOn() {
    GlobalMetrics.install(new Metrics() {
      @Override
      public void count(String name, long amount, String... tags) {}

      @Override
      public void time(String name, Duration duration, String... tags) {
        recorded.add(name + " " + duration.toMillis() + " " + String.join(",", tags));
      }

      @Override
      public void observe(String name, double amount, String... tags) {}

      @Override
      public void gauge(String name, Supplier<Number> value, String... tags) {}
    });
    List<String> handedOn = new ArrayList<>();
    ReplicationListener next = new ReplicationListener() {
      @Override
      public void tagChanged(RepositoryName repository, String tag, Version version) {
        handedOn.add(tag);
      }

      @Override
      public void manifestDeleted(RepositoryName repository, dev.meridian.core.oci.Digest d) {}
    };
    ReplicationLagMeter meter = new ReplicationLagMeter(next, "westeurope", new Seed("ab"), clock);
    RepositoryName repo = RepositoryName.parse("team/app");

    meter.tagChanged(repo, "v1", new Version(7_500, 0, new Seed("aa")));
    meter.tagChanged(repo, "v2", new Version(9_000, 0, new Seed("ab"))); // its own change: no lag

    assertThat(recorded).containsExactly("meridian.replication.lag 2500 region,westeurope,peer,aa");
    assertThat(handedOn).containsExactly("v1", "v2");
  }
}

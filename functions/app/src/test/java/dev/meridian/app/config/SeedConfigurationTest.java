package dev.meridian.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.naming.Seed;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Seeds in the peer list and the endpoint list are checked once, at start, by {@link Seed}. */
class SeedConfigurationTest {

  @Test
  void peers_whenSeedIsBase32_parsesItIntoASeed() {
    ReplicationProperties p = new ReplicationProperties(
        "westeurope:ab:meridian-westeurope:meridian-westeurope");

    assertThat(p.peerList()).extracting(ReplicationProperties.Peer::seed)
        .containsExactly(new Seed("ab"));
  }

  @Test
  void peers_whenSeedIsNotASeed_failsAtStartNamingTheEntry() {
    // 'i' is not in Meridian's base-32 alphabet; "abc" is three characters
    assertThatThrownBy(() -> new ReplicationProperties("westeurope:ai:b:t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MERIDIAN_PEERS entry 'westeurope:ai:b:t': seed 'ai' must be two base-32"
            + " characters, e.g. ab");
    assertThatThrownBy(() -> new ReplicationProperties("westeurope:abc:b:t"))
        .hasMessageContaining("seed 'abc'");
  }

  @Test
  void endpointsBySeed_whenSeedsAreValid_keysThemBySeed() {
    assertThat(MeridianProperties.endpointsBySeed("aa=http://127.0.0.1:5001, ab=http://h:5002"))
        .containsEntry(new Seed("aa"), URI.create("http://127.0.0.1:5001"))
        .containsEntry(new Seed("ab"), URI.create("http://h:5002"));
  }

  @Test
  void endpointsBySeed_whenAKeyIsNotASeed_failsNamingIt() {
    assertThatThrownBy(() -> MeridianProperties.endpointsBySeed("eastus=http://h:5001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MERIDIAN_REGION_ENDPOINTS: 'eastus'");
  }
}

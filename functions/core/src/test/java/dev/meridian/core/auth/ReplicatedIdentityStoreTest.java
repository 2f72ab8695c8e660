package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.fakes.InMemoryIdentityStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Account writes reach every region; a region that missed one gets it when it is repeated. */
class ReplicatedIdentityStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void writesReachEveryRegionAndAPartialWriteCompletesWhenRepeated() {
    InMemoryIdentityStore east = new InMemoryIdentityStore();
    InMemoryIdentityStore west = new InMemoryIdentityStore();
    Flaky canada = new Flaky();
    Map<String, IdentityStore> all = new LinkedHashMap<>();
    all.put("eastus", east);
    all.put("westeurope", west);
    all.put("canadacentral", canada);
    ReplicatedIdentityStore store = new ReplicatedIdentityStore(east, all);

    Identity alice = Identity.create("alice", Identity.Kind.USER, "$2a$04$h", List.of(), Set.of(),
        T0);
    assertThat(store.create(alice)).isTrue();
    assertThat(west.find("alice")).contains(alice);
    assertThat(canada.find("alice")).contains(alice);

    canada.down = true;
    Identity changed = alice.withChanges("$2a$04$new", List.of(), Set.of(), T0.plusSeconds(1));
    assertThatThrownBy(() -> store.put(changed))
        .isInstanceOf(ReplicatedIdentityStore.PartialWriteException.class)
        .hasMessageContaining("canadacentral");
    assertThat(west.find("alice")).contains(changed);
    assertThat(canada.find("alice")).contains(alice);

    canada.down = false;
    assertThat(store.put(changed)).isTrue();
    assertThat(canada.find("alice")).contains(changed);
  }

  private static final class Flaky implements IdentityStore {
    private final InMemoryIdentityStore inner = new InMemoryIdentityStore();
    boolean down;

    private void check() {
      if (down) {
        throw new IllegalStateException("region unreachable");
      }
    }

    @Override
    public Optional<Identity> find(String name) {
      return inner.find(name);
    }

    @Override
    public List<Identity> list() {
      return inner.list();
    }

    @Override
    public boolean put(Identity identity) {
      check();
      return inner.put(identity);
    }

    @Override
    public boolean create(Identity identity) {
      check();
      return inner.create(identity);
    }

    @Override
    public AnonymousAccess anonymousAccess() {
      return inner.anonymousAccess();
    }

    @Override
    public boolean putAnonymousAccess(AnonymousAccess access) {
      check();
      return inner.putAnonymousAccess(access);
    }
  }
}

package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.auth.Action;
import dev.meridian.core.auth.AnonymousAccess;
import dev.meridian.core.auth.Grant;
import dev.meridian.core.auth.Identity;
import dev.meridian.core.auth.IdentityStore;
import dev.meridian.core.auth.RepositoryPattern;
import dev.meridian.core.route.RegistryPermission;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link IdentityStore} must have: conditional create, last-writer-wins puts that
 * accept a retried write, tombstones hidden from the listing, and the anonymous switch. An
 * adapter's test extends this and returns a fresh, empty store.
 */
public abstract class IdentityStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private IdentityStore store;

  protected abstract IdentityStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  static Identity account(String name) {
    return Identity.create(name, Identity.Kind.USER, "$2a$04$hash", List.of(
        Grant.of("team/**", Action.PULL, Action.PUSH)), Set.of(RegistryPermission.BUILDS), T0);
  }

  @Test
  void createStoresOnceAndFindReturnsEveryField() {
    Identity alice = account("alice");
    assertThat(store.create(alice)).isTrue();
    assertThat(store.create(account("alice"))).isFalse();
    assertThat(store.find("alice")).contains(alice);
    assertThat(store.find("bob")).isEmpty();
  }

  @Test
  void putIsLastWriterWinsAndAcceptsTheSameWriteAgain() {
    Identity v1 = account("alice");
    store.create(v1);
    Identity v2 = v1.withChanges("$2a$04$other", List.of(), Set.of(), T0.plusSeconds(5));
    assertThat(store.put(v2)).isTrue();
    assertThat(store.put(v2)).as("a retried write counts as applied").isTrue();
    assertThat(store.put(v1)).as("an older write loses").isFalse();
    Identity rival = new Identity("alice", Identity.Kind.USER, "$2a$04$rival", List.of(), Set.of(),
        v2.version(), v2.updated(), false);
    assertThat(store.put(rival)).as("same version, other content").isFalse();
    assertThat(store.find("alice")).contains(v2);
  }

  @Test
  void putCreatesWhenAbsent() {
    Identity bob = account("bob");
    assertThat(store.put(bob)).isTrue();
    assertThat(store.find("bob")).contains(bob);
  }

  @Test
  void tombstonesAreFoundButNotListedAndBlockCreateAndOlderWrites() {
    Identity alice = account("alice");
    store.create(alice);
    store.create(account("bob"));
    Identity dead = alice.tombstone(T0.plusSeconds(1));
    assertThat(store.put(dead)).isTrue();
    assertThat(store.find("alice")).get().extracting(Identity::deleted).isEqualTo(true);
    assertThat(store.list()).extracting(Identity::name).containsExactly("bob");
    assertThat(store.create(account("alice"))).isFalse();
    assertThat(store.put(alice)).isFalse();
  }

  @Test
  void anonymousSwitchIsOffByDefaultAndVersioned() {
    assertThat(store.anonymousAccess()).isEqualTo(AnonymousAccess.NONE);
    AnonymousAccess on = new AnonymousAccess(List.of(RepositoryPattern.of("public/**")), 10);
    assertThat(store.putAnonymousAccess(on)).isTrue();
    assertThat(store.putAnonymousAccess(on)).isTrue();
    assertThat(store.putAnonymousAccess(new AnonymousAccess(List.of(), 5))).isFalse();
    assertThat(store.anonymousAccess()).isEqualTo(on);
    assertThat(store.anonymousAccess().allowsPull("public/x")).isTrue();
  }
}

package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.auth.RepositoryPattern;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.lifecycle.rules.ImmutableTagRule;
import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.lifecycle.rules.TagPattern;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A locked or immutable tag under multi-master replication with dropped, duplicated and
 * reordered notifications and pushes racing in two regions: after convergence every region
 * resolves the tag to the same digest — the pin for a lock, the first push for an immutable tag
 * (docs/retention-and-locks.md "Who wins").
 */
class LockConvergenceTest {
  static final long SEED = Long.getLong("meridian.replication.seed", 20250101L);
  static final NotificationBus.Faults FAULTS = new NotificationBus.Faults(0.2, 0.15, 6, true);
  static final List<String> SEEDS = List.of("aa", "ab", "ac");
  static final String REPO = "app/web";

  @Test
  void lockedTag_whenPushesRaceTheLockUnderFaults_convergesOnThePinEverywhere() {
    LifecycleHarness l = new LifecycleHarness(3, SEED, FAULTS);
    String first = l.image("aa", REPO, "first");
    assertThat(l.put("aa", REPO, "v1", first).status()).isEqualTo(201);
    l.h.bus.runUntilQuiet();
    Digest pinned = TestManifests.digestOf(first);

    // westeurope pushes v1 elsewhere before the lock reaches it: accepted there (201) ...
    String racer = l.image("ab", REPO, "racer");
    assertThat(l.put("ab", REPO, "v1", racer).status()).isEqualTo(201);
    // ... while eastus, which has not seen that push, locks v1 at the digest it holds.
    Lock lock = l.lifecycle("aa").config().putLock(new Lock(RepositoryName.parse(REPO), "v1",
        null, false, false, true, true, pinned, null));
    assertThat(lock.pinned()).isEqualTo(pinned);
    // No record arrives to repair westeurope: its lifecycle pass repins v1 there.
    assertThat(l.tagIn("ab", REPO, "v1")).isEqualTo(TestManifests.digestOf(racer));
    assertThat(l.lifecycle("ab").enforcer().enforce()).isEqualTo(1);
    assertThat(l.tagIn("ab", REPO, "v1")).isEqualTo(pinned);
    l.h.bus.run(40);

    // From now on every region refuses: the lock is in every region's configuration.
    for (String seed : SEEDS) {
      String late = l.image(seed, REPO, "late-" + seed);
      HttpResponse refused = l.put(seed, REPO, "v1", late);
      assertThat(refused.status()).as("push over the lock in %s", seed).isEqualTo(409);
      assertThat(MultiRegionHarness.text(refused)).contains("DENIED").contains("app/web:v1")
          .contains("writeEnabled");
      l.h.bus.run(10);
    }
    l.converge();

    assertThat(l.h.bus.dropped).as("faults must have dropped notifications").isPositive();
    for (String seed : SEEDS) {
      assertThat(l.tagIn(seed, REPO, "v1")).as("v1 in %s", seed).isEqualTo(pinned);
      assertThat(l.h.get(seed, "/v2/" + REPO + "/manifests/v1").status()).isEqualTo(200);
    }
  }

  @Test
  void immutableTag_whenTwoRegionsPushFirstConcurrentlyUnderFaults_firstPushWinsEverywhere() {
    LifecycleHarness l = new LifecycleHarness(3, SEED + 1, FAULTS);
    l.lifecycle("ab").config().putImmutability(new ImmutableTagRule("releases",
        RepositoryPattern.of("app/**"), List.of(new TagPattern("latest")), null));
    String a = l.image("aa", REPO, "east");
    String b = l.image("ab", REPO, "west");
    // Neither region has seen the other's push: both are accepted; aa's is first (lower version).
    assertThat(l.put("aa", REPO, "1.0", a).status()).isEqualTo(201);
    assertThat(l.put("ab", REPO, "1.0", b).status()).isEqualTo(201);
    l.h.bus.run(30);
    // An overwrite in a region that holds the tag is refused with the rule's name.
    HttpResponse refused = l.put("aa", REPO, "1.0", l.image("aa", REPO, "again"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(MultiRegionHarness.text(refused)).contains("immutable").contains("releases");
    // An excluded tag stays mutable.
    assertThat(l.put("aa", REPO, "latest", a).status()).isEqualTo(201);
    assertThat(l.put("aa", REPO, "latest", l.image("aa", REPO, "newer")).status())
        .isEqualTo(201);
    l.converge();

    assertThat(l.h.bus.dropped).isPositive();
    Digest first = TestManifests.digestOf(a);
    for (String seed : SEEDS) {
      assertThat(l.tagIn(seed, REPO, "1.0")).as("1.0 in %s", seed).isEqualTo(first);
    }
  }

  @Test
  void immutableTag_whenDeleted_canBePushedAgainEverywhere() {
    LifecycleHarness l = new LifecycleHarness(2, SEED, NotificationBus.Faults.NONE);
    l.lifecycle("aa").config().putImmutability(new ImmutableTagRule("all",
        RepositoryPattern.of("**"), List.of(), null));
    assertThat(l.put("aa", REPO, "1.0", l.image("aa", REPO, "one")).status()).isEqualTo(201);
    l.h.bus.runUntilQuiet();
    assertThat(l.h.send("ab", "DELETE", "/v2/" + REPO + "/manifests/1.0", null, null).status())
        .isEqualTo(202);
    l.h.bus.runUntilQuiet();
    String two = l.image("ab", REPO, "two");
    assertThat(l.put("ab", REPO, "1.0", two).status()).isEqualTo(201);
    l.converge();
    for (String seed : List.of("aa", "ab")) {
      assertThat(l.tagIn(seed, REPO, "1.0")).isEqualTo(TestManifests.digestOf(two));
    }
  }
}

package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.naming.Seed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scheduled reconcile pass ({@link Reconciler#reconcileOlderThan}) leaves the changes of the
 * grace period to their notifications and repairs them once they are older.
 */
class ReconcilerGraceTest {
  private static final Duration GRACE = Duration.ofSeconds(30);
  private final MultiRegionHarness h = new MultiRegionHarness(3, 11, NotificationBus.Faults.NONE);

  @Test
  void reconcileOlderThan_whenChangesAreYoung_leavesThemToTheirNotifications() {
    h.pushImage("aa", "library/app", "v1", "one", 1);
    List<NotificationBus.Delivery> queued = h.bus.take(d -> true); // still on their way

    Reconciler.Report pass = h.node("aa").reconciler().reconcileOlderThan(GRACE);

    assertThat(queued).isNotEmpty();
    assertThat(pass).as("manifest, put record and tag record are younger than the grace")
        .isEqualTo(new Reconciler.Report(0, 0, 0, 0));
    assertThat(h.node("ab").store().inner.list("repositories/", null, 100)).isEmpty();
  }

  @Test
  void reconcileOlderThan_whenLostChangesAgePastTheGrace_repairsThem() {
    h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.take(d -> true); // every notification lost
    Reconciler a = h.node("aa").reconciler();
    assertThat(a.reconcileOlderThan(GRACE).copied()).isZero();

    ((MultiRegionHarness.TickingClock) h.clock).advance(GRACE.plusSeconds(1));
    Reconciler.Report repair = a.reconcileOlderThan(GRACE);
    h.bus.runUntilQuiet();

    assertThat(repair.copied()).as("3 changes to 2 peers").isEqualTo(6);
    assertThat(repair.applied()).isEqualTo(3);
    for (String seed : List.of("ab", "ac")) {
      assertThat(h.get(seed, "/v2/library/app/manifests/v1").status()).isEqualTo(200);
    }
  }

  @Test
  void reconcileOlderThan_whenAManifestWasPushedAgainRecently_leavesItsObjectAlone() {
    h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.runUntilQuiet();
    ((MultiRegionHarness.TickingClock) h.clock).advance(GRACE.plusSeconds(1));
    h.pushImage("aa", "library/app", "v2", "one", 1); // same manifest: a new put record
    h.bus.take(d -> true);

    Reconciler.Report pass = h.node("aa").reconciler().reconcileOlderThan(GRACE);

    assertThat(pass.applied()).as("v1's put record and tag record; the manifest object is as"
        + " young as its newest put record, v2's").isEqualTo(2);
    assertThat(pass.copied()).isZero();
  }

  @Test
  void reconcile_whenChangesAreNewerThanThisRegionsClock_stillRepairsThem() {
    h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.take(d -> true); // every notification lost
    MultiRegionHarness.Node aa = h.node("aa");
    Clock behind = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC); // the changes' HLC times are ahead
    Reconciler a = new Reconciler(h.replicas, new Seed("aa"),
        ReplicationListener.of(aa.endpoints().service()), behind);

    Reconciler.Report repair = a.reconcile();
    h.bus.runUntilQuiet();

    assertThat(repair.copied()).as("a full pass looks at every change").isEqualTo(6);
    assertThat(h.get("ab", "/v2/library/app/manifests/v1").status()).isEqualTo(200);
  }
}

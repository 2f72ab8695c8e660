package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reconcile pass does and what later passes skip (MultiRegionHarness, no faults). */
class ReconcilerTest {
  private final MultiRegionHarness h = new MultiRegionHarness(3, 7, NotificationBus.Faults.NONE);

  @Test
  void reconcile_whenAChangeIsEverywhereAndAcked_checksItOnceThenSkipsIt() {
    h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.runUntilQuiet();
    Reconciler a = h.node("aa").reconciler();

    Reconciler.Report first = a.reconcile();
    Reconciler.Report second = a.reconcile();

    assertThat(first.applied()).as("the manifest, its put record and the tag record")
        .isEqualTo(3);
    assertThat(first.copied()).isZero();
    assertThat(second).isEqualTo(new Reconciler.Report(0, 0, 0, 0));
  }

  @Test
  void reconcile_whenNotificationsWereLost_repairsThem_andSettlesOnlyOnceAcked() {
    h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.take(d -> true); // every notification lost: the peers hold nothing
    Reconciler a = h.node("aa").reconciler();

    Reconciler.Report repair = a.reconcile();
    assertThat(repair.copied()).as("3 changes to 2 peers").isEqualTo(6);
    assertThat(repair.applied()).isEqualTo(3);

    // The copies' own notifications apply them in the peers, which ack to A; then A's next pass
    // announces the image replicated, and the pass after that has nothing left to look at.
    h.bus.runUntilQuiet();
    for (String seed : List.of("ab", "ac")) {
      assertThat(h.get(seed, "/v2/library/app/manifests/v1").status()).isEqualTo(200);
    }
    Reconciler.Report acked = a.reconcile();
    assertThat(acked.copied()).isZero();
    assertThat(a.reconcile().applied()).isZero();
  }
}

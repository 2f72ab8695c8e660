package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationStatusTest {
  static final RepositoryName REPO = RepositoryName.parse("library/app");
  final MultiRegionHarness h = new MultiRegionHarness(3, 1, NotificationBus.Faults.NONE);
  final ReplicationStatus status = new ReplicationStatus(h.replicas, h.clock);

  @Test
  void of_whenTagReplicatedEverywhere_isCurrentWithAckTimes() {
    Digest digest = h.pushImage("aa", "library/app", "v1", "one", 1);
    h.bus.runUntilQuiet();
    List<ReplicationStatus.RegionState> states = status.of(REPO, "v1");
    assertThat(states).extracting(ReplicationStatus.RegionState::state)
        .containsOnly(ReplicationStatus.State.CURRENT);
    assertThat(states).allSatisfy(s -> {
      assertThat(s.manifestPresent()).isTrue();
      assertThat(s.tagDigest()).isEqualTo(digest.toString());
    });
    assertThat(states.get(1).appliedAt()).isNotNull();
    assertThat(status.of(REPO, digest.toString())).extracting(ReplicationStatus.RegionState::state)
        .containsOnly(ReplicationStatus.State.CURRENT);
  }

  @Test
  void of_whenPeerDownDuringFanOut_isFailedThereAndPendingWhereUndelivered() {
    h.node("ac").store().setDown(true);
    h.pushImage("aa", "library/app", "v1", "one", 1);
    while (h.bus.deliverFirst(d -> d.seed().equals("aa") && d.attempt() == 1)) {
      // fan-out at A once: B receives the copies, C is down
    }
    List<ReplicationStatus.RegionState> states = status.of(REPO, "v1");
    assertThat(states).extracting(ReplicationStatus.RegionState::state).containsExactly(
        ReplicationStatus.State.CURRENT, ReplicationStatus.State.PENDING,
        ReplicationStatus.State.FAILED);
    assertThat(states.get(2).error()).contains("unreachable");

    h.node("ac").store().setDown(false);
    h.bus.runUntilQuiet();
    assertThat(status.of(REPO, "v1")).extracting(ReplicationStatus.RegionState::state)
        .containsOnly(ReplicationStatus.State.CURRENT);
  }
}

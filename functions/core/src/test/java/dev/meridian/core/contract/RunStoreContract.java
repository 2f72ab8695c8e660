package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.builds.BuildRequest;
import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.OutputImage;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.RunStatus;
import dev.meridian.core.builds.RunStore;
import dev.meridian.core.builds.Trigger;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link RunStore} must have; {@link #newStore()} returns an empty one. */
public abstract class RunStoreContract {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00.123456789Z");
  public static final Digest CONTEXT = Digest.parse("sha256:" + "ab".repeat(32));
  private RunStore store;

  protected abstract RunStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  public static BuildRequest request(String token) {
    return new BuildRequest(CONTEXT, "sub/Dockerfile", List.of("app:{{.Run.ID}}", "app:latest"),
        Map.of("VERSION", "1.2"), "linux/arm64/v8", Duration.ofMinutes(10), token, "dana");
  }

  private static BuildRun queued(long sequence) {
    return BuildRun.queued(new RunId(new Seed("aa"), sequence), request(null), Trigger.MANUAL, T0);
  }

  @Test
  void create_whenNew_storesEveryField_andRefusesTheSameIdTwice() {
    BuildRun run = BuildRun.queued(new RunId(new Seed("aa"), 7), request("tok-1"),
        new Trigger("baseImageUpdate", "sha256:" + "cd".repeat(32)), T0);
    assertThat(store.create(run)).isTrue();
    assertThat(store.create(queued(7))).isFalse();
    BuildRun got = store.get(new RunId(new Seed("aa"), 7)).orElseThrow();
    assertThat(got).isEqualTo(run);
    assertThat(got.images()).containsExactly("app:aa7", "app:latest");
    assertThat(store.get(new RunId(new Seed("aa"), 8))).isEmpty();
  }

  @Test
  void transition_toRunningWithLease_storesTheLease_andListsItUnderRunning() {
    BuildRun run = queued(11);
    store.create(run);
    BuildRun running = run.running(T0.plusSeconds(1), T0.plusSeconds(901));

    assertThat(store.transition(running, RunStatus.QUEUED)).isTrue();

    assertThat(store.get(run.id()).orElseThrow().leaseUntil()).isEqualTo(T0.plusSeconds(901));
    assertThat(store.list(RunStatus.RUNNING, 10)).extracting(BuildRun::leaseUntil)
        .containsExactly(T0.plusSeconds(901));
    BuildRun lost = running.finished(RunStatus.ERROR, T0.plusSeconds(902), List.of(), "lost");
    assertThat(store.transition(lost, RunStatus.RUNNING)).isTrue();
    assertThat(store.transition(lost, RunStatus.RUNNING)).isFalse();
    assertThat(store.list(RunStatus.RUNNING, 10)).isEmpty();
  }

  @Test
  void transition_whenExpectedStateHolds_appliesOnce_andKeepsOutputs() {
    BuildRun run = queued(1);
    store.create(run);
    BuildRun running = run.running(T0.plusSeconds(1));
    assertThat(store.transition(running, RunStatus.QUEUED)).isTrue();
    assertThat(store.transition(running, RunStatus.QUEUED)).isFalse();
    BuildRun done = running.finished(RunStatus.SUCCEEDED, T0.plusSeconds(9),
        List.of(new OutputImage("app:aa1", CONTEXT)), null);
    assertThat(store.transition(done, RunStatus.RUNNING)).isTrue();
    assertThat(store.get(run.id()).orElseThrow()).isEqualTo(done);
    assertThat(store.transition(queued(99).running(T0), RunStatus.QUEUED)).isFalse(); // unknown
  }

  @Test
  void transition_whenRacing_exactlyOneWins() throws Exception {
    BuildRun run = queued(3);
    store.create(run);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> wins = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        BuildRun next = i % 2 == 0 ? run.running(T0.plusSeconds(i))
            : run.finished(RunStatus.CANCELED, T0.plusSeconds(i), List.of(), "canceled " + i);
        wins.add(pool.submit(() -> store.transition(next, RunStatus.QUEUED)));
      }
      int won = 0;
      for (Future<Boolean> f : wins) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void list_whenManyRuns_newestFirst_filteredByStatus_andActiveCounts() {
    for (long s = 1; s <= 40; s++) {
      store.create(queued(s));
    }
    for (long s = 1; s <= 40; s += 3) {
      store.transition(queued(s).finished(RunStatus.CANCELED, T0, List.of(), "x"),
          RunStatus.QUEUED);
    }
    assertThat(store.list(null, 5)).extracting(r -> r.id().sequence())
        .containsExactly(40L, 39L, 38L, 37L, 36L);
    assertThat(store.list(RunStatus.CANCELED, 3)).extracting(r -> r.id().sequence())
        .containsExactly(40L, 37L, 34L);
    assertThat(store.list(RunStatus.QUEUED, 100)).hasSize(26)
        .allMatch(r -> r.status() == RunStatus.QUEUED);
    assertThat(store.list(RunStatus.FAILED, 10)).isEmpty();
    assertThat(store.active(1000)).isEqualTo(26);
    assertThat(store.active(4)).isEqualTo(4);
  }

  @Test
  void claimToken_whenClaimedBefore_returnsTheFirstClaimForever() {
    assertThat(store.tokenOwner("t1")).isEmpty();
    assertThat(store.claimToken("t1", new RunId(new Seed("aa"), 5))).isEqualTo(new RunId(new Seed("aa"), 5));
    assertThat(store.claimToken("t1", new RunId(new Seed("ab"), 6))).isEqualTo(new RunId(new Seed("aa"), 5));
    assertThat(store.tokenOwner("t1")).contains(new RunId(new Seed("aa"), 5));
    assertThat(store.claimToken("t2", new RunId(new Seed("ab"), 6))).isEqualTo(new RunId(new Seed("ab"), 6));
  }
}

package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.Task;
import dev.meridian.core.builds.TaskStore;
import dev.meridian.core.builds.TimerTrigger;
import dev.meridian.core.naming.Seed;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link TaskStore} must have; {@link #newStore()} returns an empty one. */
public abstract class TaskStoreContract {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00.123456789Z");
  private TaskStore store;

  protected abstract TaskStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  private static Task task(String name, boolean trigger) {
    return new Task(name, RunStoreContract.request(null), trigger,
        List.of("base/os:latest", "team/runtime:2"), T0);
  }

  @Test
  void create_whenNameFree_storesTheTaskAsGiven_elseWritesNothing() {
    Task app = task("app", true);
    assertThat(store.create(app)).isTrue();
    assertThat(store.create(task("app", false))).isFalse();

    assertThat(store.get("app")).contains(app);
    assertThat(store.get("nope")).isEmpty();
  }

  @Test
  void delete_whenPresent_removesOnlyThatTask_elseReturnsFalse() {
    store.create(task("web", false));
    store.create(task("api", true));

    assertThat(store.delete("web")).isTrue();
    assertThat(store.delete("web")).isFalse();
    assertThat(store.delete("nope")).isFalse();
    assertThat(store.get("web")).isEmpty();
    assertThat(store.list()).extracting(Task::name).containsExactly("api");
    assertThat(store.create(task("web", true))).isTrue();
  }

  @Test
  void list_returnsEveryTaskByName() {
    store.create(task("web", false));
    store.create(task("api", true));

    assertThat(store.list()).extracting(Task::name).containsExactly("api", "web");
  }

  @Test
  void advanceCursor_movesOnlyFromTheExpectedValue() {
    assertThat(store.cursor()).isZero();
    assertThat(store.advanceCursor(5, 7)).isFalse();
    assertThat(store.advanceCursor(0, 7)).isTrue();
    assertThat(store.advanceCursor(0, 9)).isFalse();
    assertThat(store.advanceCursor(7, 9)).isTrue();
    assertThat(store.cursor()).isEqualTo(9);
  }

  @Test
  void update_whenRevisionFollowsTheStoredOne_replacesTheTask_elseWritesNothing() {
    Task app = task("app", true);
    store.create(app);
    Task v2 = new Task("app", app.request(), false, app.bases(), T0,
        List.of(TimerTrigger.of("nightly", "0 3 * * *", true),
            TimerTrigger.of("fast", "*/5 * * * * *", false)),
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false, T0.plusSeconds(60), 2);
    assertThat(store.update(v2)).isTrue();
    assertThat(store.get("app")).contains(v2);

    Task stale = new Task("app", app.request(), true, app.bases(), T0, List.of(), null, true,
        T0.plusSeconds(61), 2);
    assertThat(store.update(stale)).isFalse();
    assertThat(store.get("app")).contains(v2);
    assertThat(store.update(new Task("ghost", app.request(), true, List.of(), T0, List.of(), null,
        true, T0, 2))).isFalse();
    assertThat(store.get("ghost")).isEmpty();
  }

  @Test
  void claimTick_whenRacedByManyRegions_oneSeedHoldsEachTick() throws Exception {
    Instant tick = Instant.parse("2026-12-07T14:00:05Z");
    List<String> seeds = List.of("aa", "ab", "ac", "ad", "ae", "af", "ag", "ah");
    ExecutorService pool = Executors.newFixedThreadPool(seeds.size());
    try {
      ConcurrentHashMap<String, String> answers = new ConcurrentHashMap<>();
      List<Future<?>> calls = seeds.stream().map(seed -> pool.submit(() ->
          answers.put(seed, store.claimTick("app", "t1", tick, new Seed(seed),
              tick.plusSeconds(600)).value())))
          .<Future<?>>map(f -> f).toList();
      for (Future<?> f : calls) {
        f.get();
      }
      assertThat(answers.values()).hasSize(seeds.size()).containsOnly(answers.values().iterator().next());
      assertThat(seeds).contains(answers.get("aa"));
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.claimTick("app", "t1", tick.plusSeconds(5), new Seed("ac"), tick)).isEqualTo(new Seed("ac"));
    assertThat(store.claimTick("app", "t2", tick, new Seed("ab"), tick)).isEqualTo(new Seed("ab"));
    assertThat(store.claimTick("web", "t1", tick, new Seed("ab"), tick)).isEqualTo(new Seed("ab"));
  }

  @Test
  void history_listsEachRecordedRunOnce_newestFirst() {
    TaskStore.TaskRun first = new TaskStore.TaskRun(RunId.parse("aa1"), T0);
    TaskStore.TaskRun second = new TaskStore.TaskRun(RunId.parse("ab1"), T0.plusSeconds(1));
    TaskStore.TaskRun third = new TaskStore.TaskRun(RunId.parse("aa2"), T0.plusSeconds(2));
    store.recordRun("app", first);
    store.recordRun("app", third);
    store.recordRun("app", second);
    store.recordRun("app", first);
    store.recordRun("web", new TaskStore.TaskRun(RunId.parse("aa3"), T0));

    assertThat(store.history("app", 10)).containsExactly(third, second, first);
    assertThat(store.history("app", 2)).containsExactly(third, second);
    assertThat(store.history("none", 10)).isEmpty();
  }
}

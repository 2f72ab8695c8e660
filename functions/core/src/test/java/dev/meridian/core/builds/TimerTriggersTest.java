package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryRunIdAllocator;
import dev.meridian.core.fakes.InMemoryRunStore;
import dev.meridian.core.fakes.InMemoryTaskStore;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.StorageLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Three regions, each running the timer function over every region's tasks. */
class TimerTriggersTest {
  private static final Instant T0 = Instant.parse("2026-12-07T14:00:00Z");
  private static final Digest CONTEXT = Digest.parse("sha256:" + "c".repeat(64));
  private static final List<String> SEEDS = List.of("aa", "ab", "ac");

  private final Map<String, InMemoryTaskStore> tasks = new LinkedHashMap<>();
  private final Map<String, InMemoryRunStore> runs = new LinkedHashMap<>();
  private final List<BuildRegion> regions = new ArrayList<>();
  private final Map<String, TimerTriggers> timers = new LinkedHashMap<>();

  TimerTriggersTest() {
    for (String seed : SEEDS) {
      tasks.put(seed, new InMemoryTaskStore());
      runs.put(seed, new InMemoryRunStore());
      InMemoryObjectStore bucket = new InMemoryObjectStore("meridian-" + seed);
      bucket.putIfAbsent(StorageLayout.buildContext(CONTEXT), new byte[] {1}, "application/gzip");
      regions.add(new BuildRegion("region-" + seed, new Seed(seed),
          new InMemoryRunIdAllocator(new Seed(seed)),
          runs.get(seed), bucket, BuildRegion.UNLIMITED));
    }
    for (String seed : SEEDS) {
      timers.put(seed, new TimerTriggers(new BuildEnqueuer(new Seed(seed), regions,
          Clock.systemUTC()), bySeed(tasks), TimerTriggers.DEFAULT_DEADLINE, Clock.systemUTC()));
    }
  }

  private Task task(String name, String cron, boolean enabled) {
    BuildRequest request = new BuildRequest(CONTEXT, null, List.of("app:{{.Run.ID}}"), Map.of(),
        null, null, null, "dana");
    return new Task(name, request, false, List.of(), T0,
        List.of(TimerTrigger.of("t1", cron, true)), null, enabled, T0, 1);
  }

  private List<BuildRun> allRuns() {
    List<BuildRun> all = new ArrayList<>();
    runs.values().forEach(r -> all.addAll(r.list(null, 1000)));
    return all;
  }

  @Test
  void fire_whenEveryRegionSeesEveryTick_eachTickRunsOnceInTheRegistry() {
    tasks.get("ab").create(task("nightly", "*/10 * * * * *", true));

    for (int second = 1; second <= 35; second++) {
      Instant now = T0.plusSeconds(second);
      for (String seed : List.of("ac", "aa", "ab")) { // any order; each twice
        timers.get(seed).fire(now);
        timers.get(seed).fire(now);
      }
    }

    List<BuildRun> fired = allRuns();
    assertThat(fired).extracting(r -> r.trigger().detail()).containsExactlyInAnyOrder(
        "t1@2026-12-07T14:00:10Z", "t1@2026-12-07T14:00:20Z", "t1@2026-12-07T14:00:30Z");
    assertThat(fired).allSatisfy(r -> {
      assertThat(r.trigger().type()).isEqualTo("timer");
      assertThat(r.request().owner()).isEqualTo("dana");
      assertThat(r.request().clientToken()).startsWith("task.nightly.timer.t1.");
    });
    // placed as the task's own region places it, and recorded in its history
    assertThat(fired).extracting(r -> r.id().seed()).containsOnly(new Seed("ab"));
    assertThat(tasks.get("ab").history("nightly", 10)).hasSize(3);
  }

  @Test
  void fire_whenTheClaimWinnerRunsAgainAfterACrash_enqueuesTheRunOnce_andReportsItOnce() {
    tasks.get("aa").create(task("app", "*/10 * * * * *", true));
    Instant tick = T0.plusSeconds(10);
    // aa claimed the tick and died before enqueueing
    tasks.get("aa").claimTick("app", "t1", tick, new Seed("ac"), tick.plusSeconds(60));

    assertThat(timers.get("aa").fire(tick)).isEmpty(); // not aa's tick
    List<BuildRun> first = timers.get("ac").fire(tick.plusSeconds(1));
    List<BuildRun> again = timers.get("ac").fire(tick.plusSeconds(2));

    assertThat(first).hasSize(1);
    assertThat(again).as("the same tick again: its run exists, nothing new to report").isEmpty();
    assertThat(allRuns()).extracting(BuildRun::id).containsExactly(first.get(0).id());
  }

  @Test
  void fire_whenDisabledTaskOrTimer_orTickBeforeTheUpdate_orTooOld_firesNothing() {
    tasks.get("aa").create(task("off", "*/10 * * * * *", false));
    Task timerOff = new Task("timer-off", task("x", "* * * * * *", true).request(), false,
        List.of(), T0, List.of(TimerTrigger.of("t1", "* * * * * *", false)), null, true, T0, 1);
    tasks.get("aa").create(timerOff);
    Task late = task("late", "0 * * * * *", true); // fires at whole minutes
    tasks.get("ab").create(late);

    assertThat(timers.get("aa").fire(T0.plusSeconds(30))).isEmpty();
    // 14:00:00 is not after the task's update at 14:00:00; the next tick is 14:01:00
    assertThat(timers.get("aa").fire(T0.plusSeconds(59))).isEmpty();
    // fired 14:01:00 only while it is at most the deadline old
    Instant tooLate = T0.plusSeconds(60).plus(TimerTriggers.DEFAULT_DEADLINE).plusSeconds(1);
    assertThat(new TimerTriggers(new BuildEnqueuer(new Seed("aa"), regions, Clock.systemUTC()),
        Map.of(new Seed("ab"), tasks.get("ab")), Duration.ofSeconds(30), Clock.systemUTC())
        .fire(T0.plusSeconds(91))).isEmpty();
    assertThat(timers.get("aa").fire(tooLate)).hasSize(1); // 14:06:00 is due then, not 14:01
    assertThat(allRuns()).extracting(r -> r.trigger().detail())
        .containsExactly("t1@2026-12-07T14:06:00Z");
  }

  @Test
  void timersScheduled_whenNoEnabledTimerInAnyRegion_isFalseUntilOneIsCreated() {
    TimerTriggers aa = timers.get("aa");
    assertThat(aa.timersScheduled()).as("before the first pass").isTrue();
    tasks.get("ac").create(task("paused", "*/10 * * * * *", false));

    aa.fire(T0.plusSeconds(1));
    assertThat(aa.timersScheduled()).isFalse();

    tasks.get("ab").create(task("nightly", "*/10 * * * * *", true));
    aa.fire(T0.plusSeconds(2));
    assertThat(aa.timersScheduled()).isTrue();
  }

  private static Map<Seed, TaskStore> bySeed(Map<String, ? extends TaskStore> stores) {
    Map<Seed, TaskStore> bySeed = new LinkedHashMap<>();
    stores.forEach((seed, store) -> bySeed.put(new Seed(seed), store));
    return bySeed;
  }
}

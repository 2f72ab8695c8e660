package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.auth.RepositoryPattern;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.lifecycle.Lifecycle;
import dev.meridian.core.lifecycle.retention.RetentionCandidate;
import dev.meridian.core.lifecycle.retention.RetentionRunner;
import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.lifecycle.rules.RetentionRule;
import dev.meridian.core.lifecycle.rules.TagPattern;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retention over replicated regions: a dry run lists exactly what the real run then deletes;
 * deletions are replicated deletes that reach every region with {@code reason: retention} on
 * their events; locked and excluded tags survive; scheduled runs in every region delete each thing
 * once (the region that owns it).
 */
class RetentionReplicationTest {
  static final String REPO = "app/api";
  static final RepositoryName NAME = RepositoryName.parse(REPO);

  @Test
  void run_whenDryRunFirst_deletesExactlyWhatTheDryRunListedInEveryRegion() {
    LifecycleHarness l = new LifecycleHarness(3, 7L, NotificationBus.Faults.NONE);
    for (int i = 1; i <= 5; i++) {
      String seed = i % 2 == 0 ? "aa" : "ab";
      assertThat(l.put(seed, REPO, "t" + i, l.image(seed, REPO, "image-" + i)).status())
          .isEqualTo(201);
      l.h.bus.runUntilQuiet();
    }
    l.put("aa", REPO, "v1", l.image("aa", REPO, "release"));
    String untagged = l.image("aa", REPO, "untagged");
    l.put("aa", REPO, TestManifests.digestOf(untagged).toString(), untagged);
    l.h.bus.runUntilQuiet();
    l.lifecycle("ac").config().putLock(new Lock(NAME, "t1", null, true, false, true, true, null,
        null));
    l.lifecycle("ac").config().putRetention(new RetentionRule("keep-two",
        RepositoryPattern.of("app/**"), 2, null, 0, List.of(new TagPattern("v*")), null));

    RetentionRunner.Report dry = l.lifecycle("ab").retention().run(null, true, false);
    RetentionRunner.Report real = l.lifecycle("ab").retention().run(null, false, false);
    l.h.bus.runUntilQuiet();

    assertThat(targets(dry.selected())).containsExactlyInAnyOrder(REPO + ":t3", REPO + ":t2",
        REPO + "@" + TestManifests.digestOf(untagged));
    assertThat(targets(real.deleted())).isEqualTo(targets(dry.selected()));
    assertThat(real.skipped()).isEmpty();
    for (String seed : List.of("aa", "ab", "ac")) {
      assertThat(l.h.node(seed).index().listTags(NAME, null, 100).items())
          .as("tags in %s", seed).containsExactly("t1", "t4", "t5", "v1");
      assertThat(l.h.node(seed).index().getManifest(NAME, TestManifests.digestOf(untagged)))
          .isEmpty();
      List<RegistryEvent> deletes = l.h.node(seed).log().all().stream()
          .filter(e -> e.action() == EventAction.DELETE).toList();
      assertThat(deletes).as("delete events in %s", seed).hasSize(3)
          .allSatisfy(e -> assertThat(e.request().reason()).isEqualTo("retention"));
    }
  }

  @Test
  void scheduled_inEveryRegion_deletesEachSelectedThingOnceByItsOwner() {
    LifecycleHarness l = new LifecycleHarness(3, 8L, NotificationBus.Faults.NONE);
    List<String> seeds = List.of("aa", "ab", "ac");
    for (int i = 0; i < 6; i++) {
      String seed = seeds.get(i % 3);
      assertThat(l.put(seed, REPO, "b" + i, l.image(seed, REPO, "build-" + i)).status())
          .isEqualTo(201);
      l.h.bus.runUntilQuiet();
    }
    l.lifecycle("aa").config().putRetention(new RetentionRule("last-one",
        RepositoryPattern.of(REPO), 1, null, null, List.of(), null));

    int deleted = 0;
    for (String seed : seeds) {
      deleted += l.lifecycle(seed).scheduled().retention().deleted().size();
    }
    l.h.bus.runUntilQuiet();

    assertThat(deleted).isEqualTo(5);
    for (String seed : seeds) {
      assertThat(l.h.node(seed).index().listTags(NAME, null, 100).items()).containsExactly("b5");
    }
    for (int i = 0; i < 5; i++) {
      assertThat(l.h.node("aa").store().list(StorageLayout.tagRecordPrefix(NAME, "b" + i), null,
          100)).as("records of b%d: one push, one delete", i).hasSize(2);
    }
  }

  @Test
  void dryRun_whenTagsAreOlderThanTheLimit_listsThemAndNotTheNewOnes() {
    LifecycleHarness l = new LifecycleHarness(1, 9L, NotificationBus.Faults.NONE);
    l.put("aa", REPO, "old", l.image("aa", REPO, "old"));
    l.lifecycle("aa").config().putRetention(new RetentionRule("thirty-days",
        RepositoryPattern.of("**"), null, 30, null, List.of(), null));
    MultiRegionHarness.Node n = l.h.node("aa");
    Map<String, ObjectStore> buckets = new LinkedHashMap<>(Map.of("eastus", n.store()));
    Lifecycle later = Lifecycle.of(n.store(), buckets, n.index(), n.endpoints().service(), new Seed("aa"),
        Clock.offset(l.h.clock, Duration.ofDays(31)));
    l.put("aa", REPO, "new", l.image("aa", REPO, "new"));
    Lifecycle newer = Lifecycle.of(n.store(), buckets, n.index(), n.endpoints().service(), new Seed("aa"),
        Clock.offset(l.h.clock, Duration.ofDays(29)));

    assertThat(targets(later.retention().run(null, true, false).selected()))
        .containsExactly(REPO + ":new", REPO + ":old");
    assertThat(newer.retention().run(null, true, false).selected()).isEmpty();
  }

  private static List<String> targets(List<RetentionCandidate> candidates) {
    return candidates.stream().map(RetentionCandidate::target).sorted().toList();
  }
}

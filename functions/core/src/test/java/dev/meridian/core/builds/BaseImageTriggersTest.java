package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.fakes.InMemoryEventLog;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryRunIdAllocator;
import dev.meridian.core.fakes.InMemoryRunStore;
import dev.meridian.core.fakes.InMemoryTaskStore;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseImageTriggersTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final InMemoryTaskStore tasks = new InMemoryTaskStore();
  private final InMemoryRunStore runs = new InMemoryRunStore();
  private final BuildEnqueuer enqueuer = new BuildEnqueuer(new Seed("aa"), List.of(new BuildRegion(
      "eastus", new Seed("aa"), new InMemoryRunIdAllocator(new Seed("aa")), runs,
      new InMemoryObjectStore("meridian-eastus"), BuildRegion.UNLIMITED)), Clock.systemUTC());
  private final BaseImageTriggers triggers = new BaseImageTriggers(log, tasks, enqueuer);

  BaseImageTriggersTest() {
    BuildRequest request = new BuildRequest(Digest.parse("sha256:" + "c".repeat(64)),
        "Dockerfile", List.of("app:{{.Run.ID}}", "base/os:self"), Map.of(), null, null, null,
        "dana");
    tasks.create(new Task("app", request, true, List.of("base/os:latest", "base/os:self"), T0));
    tasks.create(new Task("off", request, false, List.of("base/os:latest"), T0));
  }

  @Test
  void poll_whenBaseTagUpdated_enqueuesOneRunPerTaskAndDigest_evenWhenTheUpdateIsSeenAgain() {
    push("e1", "base/os", "latest", D1, T0.plusSeconds(1));
    push("e2", "base/os", "latest", D1, T0.plusSeconds(2)); // the same update, seen again

    List<BuildRun> first = triggers.poll();
    assertThat(first).hasSize(2).extracting(BuildRun::id).containsOnly(new RunId(new Seed("aa"), 1));
    assertThat(first.get(0).trigger()).isEqualTo(new Trigger("baseImageUpdate", D1));
    // the run acts as the task's owner, not as whoever pushed the base (docs/security.md)
    assertThat(first.get(0).request().owner()).isEqualTo("dana");
    assertThat(runs.list(null, 10)).hasSize(1);

    push("e3", "base/os", "latest", D2, T0.plusSeconds(3));
    assertThat(triggers.poll()).extracting(r -> r.trigger().detail()).containsExactly(D2);
    assertThat(runs.list(null, 10)).hasSize(2);
    assertThat(triggers.poll()).isEmpty();
    assertThat(tasks.cursor()).isEqualTo(3);
  }

  @Test
  void poll_whenOtherTagOwnImageOrOlderThanTask_enqueuesNothing() {
    push("e1", "base/os", "other", D1, T0.plusSeconds(1));
    push("e2", "base/os", "self", D1, T0.plusSeconds(1)); // the task pushes this itself
    push("e3", "base/os", "latest", D1, T0.minusSeconds(1)); // before the task existed

    assertThat(triggers.poll()).isEmpty();
    assertThat(runs.list(null, 10)).isEmpty();
    assertThat(tasks.cursor()).isEqualTo(3);
  }

  @Test
  void poll_whenNoTaskWatchesBaseImages_readsNoEvents_andKeepsTheCursor() {
    InMemoryTaskStore none = new InMemoryTaskStore();
    BuildRequest request = new BuildRequest(Digest.parse("sha256:" + "c".repeat(64)),
        "Dockerfile", List.of("app:1"), Map.of(), null, null, null, "dana");
    none.create(new Task("manual", request, false, List.of("base/os:latest"), T0));
    BaseImageTriggers idle = new BaseImageTriggers(log, none, enqueuer);
    push("e1", "base/os", "latest", D1, T0.plusSeconds(1));
    long reads = log.reads();

    assertThat(idle.poll()).isEmpty();

    assertThat(log.reads()).isEqualTo(reads);
    assertThat(none.cursor()).isZero();
    // A watching task created later starts there and sees only what came after it.
    none.create(new Task("watch", request, true, List.of("base/os:latest"), T0.plusSeconds(5)));
    push("e2", "base/os", "latest", D2, T0.plusSeconds(6));
    assertThat(idle.poll()).extracting(r -> r.trigger().detail()).containsExactly(D2);
    assertThat(none.cursor()).isEqualTo(2);
  }

  private void push(String id, String repo, String tag, String digest, Instant at) {
    log.append(new RegistryEvent(id, 0, at, EventAction.PUSH, repo, tag, digest,
        "application/vnd.oci.image.manifest.v1+json", 100, new Seed("aa"), null, null, "eastus"));
  }
}

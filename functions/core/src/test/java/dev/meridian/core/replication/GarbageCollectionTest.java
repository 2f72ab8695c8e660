package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.lifecycle.gc.GarbageCollector;
import dev.meridian.core.lifecycle.gc.GcRun;
import dev.meridian.core.lifecycle.gc.GcSettings;
import dev.meridian.core.lifecycle.rules.Retained;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.StorageLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection over regions joined by replication (docs/lifecycle.md):
 * bytes of a deleted image are reclaimed in every region, a layer another repository uses stays,
 * nothing a region still holds or a push is linking is collected.
 */
class GarbageCollectionTest {
  private static final String APP = "team/app";
  private static final String OTHER = "team/other";
  private static final List<String> SEEDS = List.of("aa", "ab", "ac");
  private static final GcSettings NO_GRACE = new GcSettings(Duration.ZERO, 10);

  @Test
  void run_whenAnImageIsDeleted_reclaimsItsBytesInEveryRegion_andKeepsASharedLayer() {
    MultiRegionHarness h = new MultiRegionHarness(3, 7, NotificationBus.Faults.NONE);
    Digest shared = h.seedBlob("aa", OTHER, "shared layer");
    pushWith(h, OTHER, "v1", "other config", shared);
    h.seedBlob("aa", APP, "shared layer");
    Digest unique = h.seedBlob("aa", APP, "app only layer");
    Digest config = h.seedBlob("aa", APP, "app config");
    Digest deleted = push(h, APP, "v1", config, shared, unique);
    h.bus.runUntilQuiet();
    assertThat(h.send("aa", "DELETE", "/v2/" + APP + "/manifests/" + deleted, null, null)
        .status()).isEqualTo(202);
    h.bus.runUntilQuiet();

    for (String seed : SEEDS) {
      GcRun run = gc(h, seed).run(false);

      assertThat(run.blobs()).as("deleted in %s", seed)
          .containsExactlyInAnyOrder(unique.toString(), config.toString());
      assertThat(run.manifests()).containsExactly(APP + "@" + deleted);
      assertThat(run.bytesFreed()).isEqualTo(sizeOf("app only layer") + sizeOf("app config")
          + sizeOf(TestManifests.oci(config, "", shared, unique)));
      assertThat(present(h, seed, unique)).isFalse();
      assertThat(present(h, seed, config)).isFalse();
      assertThat(present(h, seed, shared)).as("shared layer in %s", seed).isTrue();
      assertThat(h.get(seed, "/v2/" + OTHER + "/manifests/v1").status()).isEqualTo(200);
      assertThat(h.get(seed, "/v2/" + OTHER + "/blobs/" + shared).status()).isEqualTo(200);
      assertThat(h.get(seed, "/v2/" + APP + "/blobs/" + unique).status()).isEqualTo(404);
      assertThat(h.node(seed).store().head(StorageLayout.manifest(RepositoryName.parse(APP),
          deleted))).isEmpty();
    }
    assertThat(gc(h, "aa").run(false).blobsDeleted()).as("nothing left").isZero();
    assertThat(gc(h, "aa").runs().newest(10)).hasSize(2);
  }

  @Test
  void run_whenTheTombstoneHasNotReachedEveryRegion_collectsNothingOfTheImage() {
    MultiRegionHarness h = new MultiRegionHarness(3, 8, NotificationBus.Faults.NONE);
    Digest layer = h.seedBlob("aa", APP, "layer");
    Digest digest = pushWith(h, APP, "v1", "config", layer);
    h.bus.runUntilQuiet();
    h.send("aa", "DELETE", "/v2/" + APP + "/manifests/" + digest, null, null);
    List<NotificationBus.Delivery> held = new java.util.ArrayList<>(
        h.bus.take(d -> d.event().key().contains("/_deleted/")));
    h.bus.runUntilQuiet();
    held.removeIf(d -> !d.seed().equals("aa")); // the copies to ab and ac never happen yet

    GcRun early = gc(h, "aa").run(false);

    assertThat(early.blobsDeleted()).isZero();
    assertThat(early.manifestsDeleted()).isZero();
    assertThat(present(h, "aa", layer)).isTrue();
    held.forEach(d -> h.node(d.seed()).replicator().handle(d.event()));
    h.bus.runUntilQuiet();
    assertThat(gc(h, "aa").run(false).blobs()).contains(layer.toString());
  }

  @Test
  void run_whenAPushLinksTheBlobBetweenDecisionAndDelete_keepsTheBlob() {
    MultiRegionHarness h = new MultiRegionHarness(1, 9, NotificationBus.Faults.NONE);
    Digest layer = h.seedBlob("aa", APP, "uploaded, manifest not yet pushed");
    Digest config = h.seedBlob("aa", APP, "its config");
    AtomicInteger pushed = new AtomicInteger();
    Runnable pushDuringPause = () -> {
      push(h, APP, "late", config, layer);
      pushed.incrementAndGet();
    };
    GarbageCollector gc = new GarbageCollector(h.replicas, new Seed("aa"), Retained.NONE, NO_GRACE,
        h.clock, pushDuringPause);

    GcRun run = gc.run(false);

    assertThat(pushed).hasValue(1);
    assertThat(run.blobsDeleted()).isZero();
    assertThat(run.blobsKept()).isEqualTo(2);
    assertThat(present(h, "aa", layer)).isTrue();
    assertThat(h.get("aa", "/v2/" + APP + "/manifests/late").status()).isEqualTo(200);
    assertThat(h.get("aa", "/v2/" + APP + "/blobs/" + layer).status()).isEqualTo(200);
  }

  @Test
  void run_whenAnUploadOfTheSameBytesCompletesDuringThePause_keepsTheBlob() {
    MultiRegionHarness h = new MultiRegionHarness(1, 10, NotificationBus.Faults.NONE);
    String content = "bytes uploaded twice";
    Digest layer = h.seedBlob("aa", APP, content);
    Runnable uploadDuringPause = () -> assertThat(h.send("aa", "POST",
        "/v2/" + OTHER + "/blobs/uploads/", "digest=" + layer, "application/octet-stream",
        content.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
    GarbageCollector gc = new GarbageCollector(h.replicas, new Seed("aa"), Retained.NONE, NO_GRACE,
        h.clock, uploadDuringPause);

    GcRun run = gc.run(false);

    assertThat(run.blobsDeleted()).isZero();
    assertThat(h.get("aa", "/v2/" + OTHER + "/blobs/" + layer).status()).isEqualTo(200);
  }

  @Test
  void run_whenDryRun_reportsExactlyWhatTheRealRunThenDeletes() {
    MultiRegionHarness h = new MultiRegionHarness(2, 11, NotificationBus.Faults.NONE);
    Digest layer = h.seedBlob("aa", APP, "dry layer");
    Digest digest = pushWith(h, APP, "v1", "dry config", layer);
    h.seedBlob("aa", OTHER, "never referenced");
    h.bus.runUntilQuiet();
    h.send("aa", "DELETE", "/v2/" + APP + "/manifests/" + digest, null, null);
    h.bus.runUntilQuiet();

    GcRun dry = gc(h, "aa").run(true);
    GcRun real = gc(h, "aa").run(false);

    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.blobsDeleted()).isEqualTo(3);
    assertThat(present(h, "aa", layer)).isFalse();
    assertThat(real.blobs()).containsExactlyInAnyOrderElementsOf(dry.blobs());
    assertThat(real.manifests()).isEqualTo(dry.manifests());
    assertThat(real.bytesFreed()).isEqualTo(dry.bytesFreed());
  }

  @Test
  void run_whenTheManifestIsRetained_keepsItAndItsBlobs() {
    MultiRegionHarness h = new MultiRegionHarness(1, 12, NotificationBus.Faults.NONE);
    Digest layer = h.seedBlob("aa", APP, "soft deleted layer");
    Digest digest = pushWith(h, APP, "v1", "soft config", layer);
    h.send("aa", "DELETE", "/v2/" + APP + "/manifests/" + digest, null, null);
    Retained softDeleted = (repository, d) -> d.equals(digest);

    GcRun run = new GarbageCollector(h.replicas, new Seed("aa"), softDeleted, NO_GRACE, h.clock)
        .run(false);

    assertThat(run.blobsDeleted()).isZero();
    assertThat(run.manifestsDeleted()).isZero();
    assertThat(present(h, "aa", layer)).isTrue();
  }

  @Test
  void run_whenTheBlobIsYoungerThanTheGracePeriod_keepsIt() {
    MultiRegionHarness h = new MultiRegionHarness(1, 13, NotificationBus.Faults.NONE);
    Digest layer = h.seedBlob("aa", APP, "fresh upload");

    GcRun run = new GarbageCollector(h.replicas, new Seed("aa"), Retained.NONE,
        GcSettings.defaults(), h.clock).run(false);

    assertThat(run.blobsDeleted()).isZero();
    assertThat(present(h, "aa", layer)).isTrue();
  }

  private static GarbageCollector gc(MultiRegionHarness h, String seed) {
    return new GarbageCollector(h.replicas, new Seed(seed), Retained.NONE, NO_GRACE, h.clock);
  }

  private static Digest pushWith(MultiRegionHarness h, String repo, String tag, String config,
      Digest layer) {
    return push(h, repo, tag, h.seedBlob("aa", repo, config), layer);
  }

  private static Digest push(MultiRegionHarness h, String repo, String tag, Digest config,
      Digest... layers) {
    String manifest = TestManifests.oci(config, "", layers);
    int status = h.send("aa", "PUT", "/v2/" + repo + "/manifests/" + tag, MediaTypes.OCI_MANIFEST,
        manifest.getBytes(StandardCharsets.UTF_8)).status();
    assertThat(status).isEqualTo(201);
    return TestManifests.digestOf(manifest);
  }

  private static boolean present(MultiRegionHarness h, String seed, Digest blob) {
    return h.node(seed).store().head(StorageLayout.blob(blob)).isPresent();
  }

  private static long sizeOf(String content) {
    return content.getBytes(StandardCharsets.UTF_8).length;
  }
}

package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ManifestState;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.version.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Delete by digest and push the same manifest again. A push acknowledged with
 * {@code 201} stays in every region unless a delete with a higher version exists; the newest of
 * a manifest's put records and tombstones decides, whatever order notifications arrive in, and
 * reconcile does not undo it. A tag is listed exactly when it is pullable. docs/replication.md,
 * "Delete and re-push".
 */
class DeleteAndRepushTest {
  private static final List<String> SEEDS = ConvergenceTest.SEEDS;
  private static final String REPO = "library/app";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void repush_whenTheTombstoneArrivesAfterIt_staysInEveryRegion() {
    MultiRegionHarness h = new MultiRegionHarness(3, 1, NotificationBus.Faults.NONE);
    Digest digest = h.pushImage("aa", REPO, "l3", "same", 1);
    h.bus.runUntilQuiet();
    assertThat(delete(h, "aa", digest)).isEqualTo(202);
    List<NotificationBus.Delivery> tombstone = h.bus.take(d -> d.event().key().contains("/_deleted/"));
    assertThat(tombstone).isNotEmpty();
    h.bus.runUntilQuiet(); // the tag tombstone of l3 travels; the manifest tombstone waits

    h.pushImage("aa", REPO, "l3again", "same", 1);
    h.pushImage("ab", REPO, "l3b", "same", 1);
    h.bus.runUntilQuiet();
    tombstone.forEach(d -> h.node(d.seed()).replicator().handle(d.event())); // late, twice
    tombstone.forEach(d -> h.node(d.seed()).replicator().handle(d.event()));
    reconcileEverywhere(h);

    for (String seed : SEEDS) {
      assertThat(status(h, seed, "l3again")).as("l3again in %s", seed).isEqualTo(200);
      assertThat(status(h, seed, "l3b")).as("l3b in %s", seed).isEqualTo(200);
      assertThat(status(h, seed, digest.toString())).as("by digest in %s", seed).isEqualTo(200);
      assertThat(status(h, seed, "l3")).as("l3 went with the delete in %s", seed).isEqualTo(404);
      assertThat(tags(h, seed)).as("tags in %s", seed).containsExactly("l3again", "l3b");
    }
  }

  @Test
  void repush_whenTheKnownTombstoneIsAheadOfThisRegionsClock_isIssuedAHigherVersion() {
    MultiRegionHarness h = new MultiRegionHarness(3, 2, NotificationBus.Faults.NONE);
    Digest digest = h.pushImage("aa", REPO, "l3", "same", 1);
    h.bus.runUntilQuiet();
    // A delete from aa whose clock runs an hour ahead (its tag tombstone, then its manifest
    // tombstone); ab applies it (its push path, another process on AWS, never observed that
    // version). A push after it must still win.
    assertThat(h.send("aa", "DELETE", "/v2/" + REPO + "/manifests/l3", null, null).status())
        .isEqualTo(202);
    Version ahead = new Version(h.clock.millis() + 3_600_000, 0, new Seed("aa"));
    h.node("aa").store().inner.putIfAbsent(
        StorageLayout.manifestTombstone(RepositoryName.parse(REPO), digest, ahead),
        "{}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
    h.bus.runUntilQuiet();
    assertThat(status(h, "ab", digest.toString())).isEqualTo(404);

    h.pushImage("ab", REPO, "l3b", "same", 1);
    reconcileEverywhere(h);

    ManifestState records = state(h, "ab", digest);
    assertThat(records.newestPut().version().isNewerThan(ahead)).isTrue();
    for (String seed : SEEDS) {
      assertThat(status(h, seed, "l3b")).as("l3b in %s", seed).isEqualTo(200);
      assertThat(tags(h, seed)).as("tags in %s", seed).containsExactly("l3b");
    }
  }

  @Test
  void deleteAndRepush_inTwoRegions_underFaults_convergeToTheNewerEverywhere() {
    for (long seed = 1; seed <= 12; seed++) {
      MultiRegionHarness h = new MultiRegionHarness(3, seed,
          new NotificationBus.Faults(0.3, 0.2, 6, true));
      Random random = new Random(seed);
      Digest digest = h.pushImage("aa", REPO, "l3", "same", 1);
      h.bus.runUntilQuiet();
      boolean repushLast = random.nextBoolean();
      if (!repushLast) {
        h.pushImage("ab", REPO, "l3b", "same", 1);
        h.bus.run(random.nextInt(8));
      }
      assertThat(delete(h, "aa", digest)).isEqualTo(202);
      h.bus.run(random.nextInt(8));
      if (repushLast) {
        h.pushImage("ab", REPO, "l3b", "same", 1);
      }
      h.bus.runUntilQuiet();
      h.bus.setFaults(NotificationBus.Faults.NONE);
      reconcileEverywhere(h);

      String what = "seed " + seed + (repushLast ? ", re-push last" : ", delete last");
      ManifestState reference = state(h, "aa", digest);
      assertThat(reference.live()).as(what).isEqualTo(repushLast);
      int expected = repushLast ? 200 : 404;
      for (String region : SEEDS) {
        assertThat(state(h, region, digest)).as("%s: records in %s", what, region)
            .isEqualTo(reference);
        assertThat(ConvergenceTest.indexState(h, region)).as("%s: index of %s", what, region)
            .isEqualTo(ConvergenceTest.indexState(h, "aa"));
        assertThat(status(h, region, "l3b")).as("%s: l3b in %s", what, region)
            .isEqualTo(expected);
        assertThat(status(h, region, digest.toString())).as("%s: digest in %s", what, region)
            .isEqualTo(expected);
        assertThat(status(h, region, "l3")).as("%s: l3 in %s", what, region).isEqualTo(404);
        assertThat(tags(h, region)).as("%s: tags listed in %s (iff pullable)", what, region)
            .isEqualTo(repushLast ? List.of("l3b") : List.of());
      }
    }
  }

  private static void reconcileEverywhere(MultiRegionHarness h) {
    for (int pass = 0; pass < 2; pass++) {
      h.bus.runUntilQuiet();
      for (String seed : SEEDS) {
        h.node(seed).reconciler().reconcile();
      }
      h.bus.runUntilQuiet();
    }
  }

  private static int delete(MultiRegionHarness h, String seed, Digest digest) {
    return h.send(seed, "DELETE", "/v2/" + REPO + "/manifests/" + digest, null, null).status();
  }

  private static int status(MultiRegionHarness h, String seed, String reference) {
    return h.get(seed, "/v2/" + REPO + "/manifests/" + reference).status();
  }

  private static ManifestState state(MultiRegionHarness h, String seed, Digest digest) {
    return ManifestState.read(h.node(seed).store().inner, RepositoryName.parse(REPO), digest);
  }

  private static List<String> tags(MultiRegionHarness h, String seed) {
    try {
      List<String> tags = new ArrayList<>();
      JSON.readTree(MultiRegionHarness.bytes(h.get(seed, "/v2/" + REPO + "/tags/list")))
          .path("tags").forEach(t -> tags.add(t.asText()));
      return tags;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.meridian.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.lifecycle.rules.SoftDeletePolicy;
import dev.meridian.core.lifecycle.softdelete.DeletedManifests;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Soft delete with geo-replication (what ACR cannot offer): a manifest deleted in one region is
 * listed as restorable in every region, restored from any region, and the restore wins over the
 * delete everywhere; with soft delete off nothing is listed or restorable. {@code
 * ProtectedContent} answers for garbage collection.
 */
class SoftDeleteReplicationTest {
  static final String REPO = "app/db";
  static final RepositoryName NAME = RepositoryName.parse(REPO);
  static final List<String> SEEDS = List.of("aa", "ab", "ac");

  @Test
  void restore_whenDeletedInOneRegion_bringsTheManifestBackEverywhere() {
    LifecycleHarness l = new LifecycleHarness(3, 11L, NotificationBus.Faults.NONE);
    l.lifecycle("ac").config().putSoftDelete(new SoftDeletePolicy(true, 7, null));
    String image = l.image("aa", REPO, "db");
    Digest digest = TestManifests.digestOf(image);
    assertThat(l.put("aa", REPO, "r1", image).status()).isEqualTo(201);
    l.h.bus.runUntilQuiet();
    assertThat(l.h.send("ab", "DELETE", "/v2/" + REPO + "/manifests/" + digest, null, null)
        .status()).isEqualTo(202);
    l.h.bus.runUntilQuiet();

    for (String seed : SEEDS) {
      assertThat(l.lifecycle(seed).deleted().list(NAME)).extracting(DeletedManifests.Deleted::digest)
          .as("restorable in %s", seed).containsExactly(digest);
      assertThat(l.lifecycle(seed).protection().isProtected(NAME, digest)).isTrue();
    }
    l.lifecycle("ac").deleted().restore(NAME, digest, Tag.parse("r1"), request());
    l.h.bus.runUntilQuiet();

    for (String seed : SEEDS) {
      assertThat(l.h.get(seed, "/v2/" + REPO + "/manifests/r1").status()).as(seed).isEqualTo(200);
      assertThat(l.lifecycle(seed).deleted().list(NAME)).isEmpty();
      assertThat(l.lifecycle(seed).protection().isProtected(NAME, digest)).isFalse();
    }
  }

  @Test
  void list_whenSoftDeleteIsOff_isEmptyAndRestoreIsUnknown() {
    LifecycleHarness l = new LifecycleHarness(2, 12L, NotificationBus.Faults.NONE);
    String image = l.image("aa", REPO, "db");
    Digest digest = TestManifests.digestOf(image);
    l.put("aa", REPO, "r1", image);
    l.h.send("aa", "DELETE", "/v2/" + REPO + "/manifests/" + digest, null, null);
    l.h.bus.runUntilQuiet();

    assertThat(l.lifecycle("ab").deleted().list(NAME)).isEmpty();
    assertThat(l.lifecycle("ab").protection().isProtected(NAME, digest)).isFalse();
    assertThatThrownBy(() -> l.lifecycle("ab").deleted().restore(NAME, digest, null, request()))
        .isInstanceOf(RegistryException.class).hasMessageContaining("no restorable");
  }

  @Test
  void isProtected_whenALockedTagPointsAtTheManifest_isTrueInEveryRegion() {
    LifecycleHarness l = new LifecycleHarness(2, 13L, NotificationBus.Faults.NONE);
    String image = l.image("aa", REPO, "db");
    Digest digest = TestManifests.digestOf(image);
    l.put("aa", REPO, "prod", image);
    String other = l.image("aa", REPO, "other");
    l.put("aa", REPO, "dev", other);
    l.h.bus.runUntilQuiet();
    l.lifecycle("aa").config().putLock(new Lock(NAME, "prod", null, true, false, true, true, null,
        null));

    for (String seed : List.of("aa", "ab")) {
      assertThat(l.lifecycle(seed).protection().isProtected(NAME, digest)).isTrue();
      assertThat(l.lifecycle(seed).protection().isProtected(NAME, TestManifests.digestOf(other)))
          .isFalse();
      assertThat(l.h.send(seed, "DELETE", "/v2/" + REPO + "/manifests/" + digest, null, null)
          .status()).isEqualTo(403);
      assertThat(l.h.send(seed, "DELETE", "/v2/" + REPO + "/manifests/prod", null, null)
          .status()).isEqualTo(403);
    }
  }

  private static EventRequest request() {
    return new EventRequest("req-restore", "registry.test", "POST", "test");
  }
}

package dev.meridian.core.contract;

import static dev.meridian.core.contract.ContractData.digest;
import static dev.meridian.core.contract.ContractData.race;
import static dev.meridian.core.contract.ContractData.repo;
import static dev.meridian.core.contract.ContractData.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.manifest.ManifestParser;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Descriptor;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.Page;
import dev.meridian.core.storage.PendingTag;
import dev.meridian.core.storage.TagRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Meridian relies on from its regional index. A subclass supplies a fresh, empty index per
 * test. Tag rules: docs/architecture.md, replication protocol (highest version wins, tombstones are
 * records).
 */
public abstract class MetadataIndexContract {

  private static final RepositoryName REPO = repo("team/app");
  private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");

  protected MetadataIndex index;

  protected abstract MetadataIndex createIndex();

  @BeforeEach
  void setUpIndex() {
    index = createIndex();
  }

  // --- blobs and links ---

  @Test
  void putBlob_thenGetBlob_roundTrips_andAbsentIsEmpty() {
    BlobRecord blob = new BlobRecord(digest("b1"), 42, T0);
    index.putBlob(blob);
    index.putBlob(blob);

    assertThat(index.getBlob(digest("b1"))).contains(blob);
    assertThat(index.getBlob(digest("other"))).isEmpty();
  }

  @Test
  void linkBlob_makesSizeVisibleInThatRepositoryOnly() {
    index.linkBlob(REPO, digest("b1"), 42);
    index.linkBlob(REPO, digest("b1"), 42);

    assertThat(index.linkedBlobSize(REPO, digest("b1"))).contains(42L);
    assertThat(index.linkedBlobSize(repo("team/other"), digest("b1"))).isEmpty();
    assertThat(index.linkedBlobSize(REPO, digest("b2"))).isEmpty();
  }

  @Test
  void getBlobs_returnsTheHeldOnes_acrossMoreDigestsThanOneBatch() {
    List<Digest> asked = new ArrayList<>();
    for (int i = 0; i < 130; i++) { // DynamoDB reads at most 100 keys per BatchGetItem
      Digest d = digest("held" + i);
      asked.add(d);
      if (i % 3 == 0) {
        index.putBlob(new BlobRecord(d, i, T0));
      }
    }
    asked.add(asked.get(0)); // a digest named twice is read once

    Map<Digest, BlobRecord> held = index.getBlobs(asked);

    assertThat(held).hasSize(44);
    assertThat(held.get(digest("held3"))).isEqualTo(new BlobRecord(digest("held3"), 3, T0));
    assertThat(held).doesNotContainKey(digest("held1"));
    assertThat(index.getBlobs(List.of())).isEmpty();
  }

  @Test
  void linkBlobs_thenLinkedBlobSizes_seesThemInThatRepositoryOnly() {
    Map<Digest, Long> links = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 60; i++) { // more than one BatchWriteItem (25 items)
      links.put(digest("link" + i), 1000L + i);
    }
    index.linkBlobs(REPO, links);
    index.linkBlobs(REPO, Map.of());

    List<Digest> asked = new ArrayList<>(links.keySet());
    asked.add(digest("never-linked"));
    Map<Digest, Long> linked = index.linkedBlobSizes(REPO, asked);

    assertThat(linked).containsExactlyInAnyOrderEntriesOf(links);
    assertThat(index.linkedBlobSizes(repo("team/other"), asked)).isEmpty();
    assertThat(index.linkedBlobSize(REPO, digest("link7"))).contains(1007L);
    assertThat(index.listRepositories(null, 10).items()).contains(REPO.value());
  }

  @Test
  void unlinkBlob_returnsWhetherLinkExisted() {
    index.linkBlob(REPO, digest("b1"), 42);

    assertThat(index.unlinkBlob(REPO, digest("b1"))).isTrue();
    assertThat(index.unlinkBlob(REPO, digest("b1"))).isFalse();
    assertThat(index.linkedBlobSize(REPO, digest("b1"))).isEmpty();
  }

  // --- manifests ---

  @Test
  void putManifest_thenGet_roundTripsEveryField() {
    ManifestRecord full =
        new ManifestRecord(
            digest("m1"),
            "application/vnd.oci.image.manifest.v1+json",
            1234,
            "application/vnd.example.sbom",
            digest("subject"),
            Map.of("org.opencontainers.image.created", "2025-01-01", "k", ""),
            List.of(digest("config"), digest("layer2"), digest("layer1")),
            List.of(),
            T0);
    ManifestRecord sparse =
        new ManifestRecord(
            digest("m2"),
            "application/vnd.oci.image.index.v1+json",
            7,
            null,
            null,
            Map.of(),
            List.of(),
            List.of(digest("child2"), digest("child1")),
            T0.plusSeconds(1));

    index.putManifest(REPO, full);
    index.putManifest(REPO, sparse);

    assertThat(index.getManifest(REPO, digest("m1"))).contains(full);
    assertThat(index.getManifest(REPO, digest("m2"))).contains(sparse);
    assertThat(index.getManifest(repo("team/other"), digest("m1"))).isEmpty();
  }

  /**
   * The largest record {@code ManifestParser} admits fits one index item (DynamoDB: 400 KB):
   * {@code MAX_DESCRIPTORS} layers plus the config, all sha512, {@code MAX_ANNOTATION_BYTES} of
   * annotations in small entries (the most per-entry overhead), the longest name and types.
   */
  @Test
  void putManifest_largestRecordTheParserAdmits_roundTrips() {
    RepositoryName longest = repo("a/" + "b".repeat(RepositoryName.MAX_LENGTH - 2));
    String type = "application/" + "x".repeat(127 - "application".length() + 127);
    List<Digest> blobs = new ArrayList<>();
    for (int i = 0; i <= ManifestParser.MAX_DESCRIPTORS; i++) {
      blobs.add(Digest.parse("sha512:" + String.format("%0128x", i)));
    }
    Map<String, String> annotations = new java.util.HashMap<>();
    int bytes = 0;
    for (int i = 0; bytes < ManifestParser.MAX_ANNOTATION_BYTES - 16; i++) {
      String key = Integer.toString(i, 36);
      annotations.put(key, "v");
      bytes += key.length() + 1;
    }
    ManifestRecord largest = new ManifestRecord(Digest.parse("sha512:" + "f".repeat(128)), type,
        4L << 20, type, Digest.parse("sha512:" + "e".repeat(128)), annotations, blobs, List.of(),
        T0);

    index.putManifest(longest, largest);

    assertThat(index.getManifest(longest, largest.digest())).contains(largest);
  }

  /**
   * The longest {@code last} the listings pass on (a name's length; {@code Pagination} cuts
   * longer ones) is a valid start key even at three UTF-8 bytes a character.
   */
  @Test
  void listTagsAndRepositories_afterTheLongestLast_work() {
    index.putTag(REPO, TagRecord.pointing("v1", digest("m1"), version(1)));
    String last = "\uffff".repeat(RepositoryName.MAX_LENGTH);

    assertThat(index.listTags(REPO, last, 10).items()).isEmpty();
    assertThat(index.listRepositories(last, 10).items()).isEmpty();
    assertThat(index.listRepositories("\u0000", 10).items()).contains(REPO.value());
  }

  @Test
  void deleteManifest_returnsWhetherItExisted() {
    index.putManifest(REPO, manifest("m1"));

    assertThat(index.deleteManifest(REPO, digest("m1"))).isTrue();
    assertThat(index.deleteManifest(REPO, digest("m1"))).isFalse();
    assertThat(index.getManifest(REPO, digest("m1"))).isEmpty();
  }

  // --- tags ---

  @Test
  void putTag_whenNoRecord_applies() {
    TagRecord tag = TagRecord.pointing("v1", digest("m1"), version(100));

    assertThat(index.putTag(REPO, tag)).isTrue();
    assertThat(index.getTag(REPO, "v1")).contains(tag);
    assertThat(index.getTag(REPO, "v2")).isEmpty();
  }

  @Test
  void putTag_whenOlderOrEqualVersion_loses() {
    TagRecord held = TagRecord.pointing("v1", digest("m1"), version(100, 5, "ab"));
    index.putTag(REPO, held);

    assertThat(index.putTag(REPO, TagRecord.pointing("v1", digest("m2"), version(99, 9, "ac")))).isFalse();
    assertThat(index.putTag(REPO, TagRecord.pointing("v1", digest("m2"), version(100, 4, "ac")))).isFalse();
    assertThat(index.putTag(REPO, TagRecord.pointing("v1", digest("m2"), version(100, 5, "aa")))).isFalse();
    assertThat(index.putTag(REPO, TagRecord.pointing("v1", digest("m2"), version(100, 5, "ab")))).isFalse();
    assertThat(index.getTag(REPO, "v1")).contains(held);
  }

  /** A retried write meets its own first attempt: the very same record counts as applied. */
  @Test
  void putTag_whenTheSameRecordIsHeld_reportsApplied() {
    TagRecord tag = TagRecord.pointing("v1", digest("m1"), version(100, 5, "ab"));
    assertThat(index.putTag(REPO, tag)).isTrue();

    assertThat(index.putTag(REPO, tag)).isTrue();
    assertThat(index.getTag(REPO, "v1")).contains(tag);
  }

  @Test
  void putTag_whenNewerVersion_wins_includingOnOriginSeedTieBreak() {
    index.putTag(REPO, TagRecord.pointing("v1", digest("m1"), version(100, 5, "ab")));
    TagRecord newer = TagRecord.pointing("v1", digest("m2"), version(100, 5, "ac"));

    assertThat(index.putTag(REPO, newer)).isTrue();
    assertThat(index.getTag(REPO, "v1")).contains(newer);
  }

  // --- pending marks (a newer version is on its way) ---

  @Test
  void markTagPending_whenNewerThanTheHeldTag_isReadWithTheTag_untilThatVersionApplies() {
    TagRecord held = TagRecord.pointing("v1", digest("m1"), version(100));
    index.putTag(REPO, held);
    PendingTag pending = new PendingTag(digest("m2"), version(200, 0, "ab"), new Seed("ab"));

    assertThat(index.markTagPending(REPO, "v1", pending)).isTrue();
    assertThat(index.getTagState(REPO, "v1").orElseThrow().record()).isEqualTo(held);
    assertThat(index.getTagState(REPO, "v1").orElseThrow().newerPending()).isEqualTo(pending);
    assertThat(index.getTag(REPO, "v1")).contains(held);

    index.putTag(REPO, TagRecord.pointing("v1", digest("m2"), version(200, 0, "ab")));
    assertThat(index.getTagState(REPO, "v1").orElseThrow().pending()).isNull();
  }

  @Test
  void markTagPending_whenTagAbsentOrNotOlderOrAnOlderMark_isRefused() {
    assertThat(index.markTagPending(REPO, "none",
        new PendingTag(digest("m2"), version(200), new Seed("aa")))).isFalse();
    assertThat(index.getTagState(REPO, "none")).isEmpty();
    index.putTag(REPO, TagRecord.pointing("v1", digest("m1"), version(300)));
    assertThat(index.markTagPending(REPO, "v1",
        new PendingTag(digest("m2"), version(300), new Seed("aa")))).isFalse();
    PendingTag newest = new PendingTag(null, version(500), new Seed("aa"));
    assertThat(index.markTagPending(REPO, "v1", newest)).isTrue();
    assertThat(index.markTagPending(REPO, "v1",
        new PendingTag(digest("m3"), version(400), new Seed("aa")))).isFalse();

    assertThat(index.getTagState(REPO, "v1").orElseThrow().pending()).isEqualTo(newest);
  }

  @Test
  void putTag_tombstone_appliesByVersion_andIsReturnedByGetTag() {
    index.putTag(REPO, TagRecord.pointing("v1", digest("m1"), version(100)));
    TagRecord tombstone = TagRecord.deleted("v1", version(200));

    assertThat(index.putTag(REPO, TagRecord.deleted("v1", version(50)))).isFalse();
    assertThat(index.putTag(REPO, tombstone)).isTrue();
    assertThat(index.getTag(REPO, "v1")).contains(tombstone);
    assertThat(index.putTag(REPO, TagRecord.pointing("v1", digest("m1"), version(150)))).isFalse();
    assertThat(index.putTag(REPO, TagRecord.pointing("v1", digest("m3"), version(300)))).isTrue();
    assertThat(index.getTag(REPO, "v1").orElseThrow().digest()).isEqualTo(digest("m3"));
  }

  @Test
  void listTags_returnsLiveTagsInLexicalOrder_skippingTombstones() {
    for (String t : List.of("b", "a", "latest", "C", "1.0")) {
      index.putTag(REPO, TagRecord.pointing(t, digest("m1"), version(1)));
    }
    index.putTag(REPO, TagRecord.deleted("b", version(2)));
    index.putTag(REPO, TagRecord.deleted("never-pointed", version(2)));

    Page<String> page = index.listTags(REPO, null, 100);

    assertThat(page.items()).containsExactly("1.0", "C", "a", "latest");
    assertThat(page.truncated()).isFalse();
    assertThat(index.listTags(repo("team/other"), null, 100).items()).isEmpty();
  }

  @Test
  void listTags_paginatesWithLastAndLimit_acrossManyTombstones() {
    for (int i = 0; i < 30; i++) {
      String tag = String.format("t%02d", i);
      index.putTag(REPO, TagRecord.pointing(tag, digest("m1"), version(1)));
      if (i % 3 != 0) {
        index.putTag(REPO, TagRecord.deleted(tag, version(2)));
      }
    }

    Page<String> first = index.listTags(REPO, null, 4);
    Page<String> second = index.listTags(REPO, first.items().get(3), 4);
    Page<String> third = index.listTags(REPO, second.items().get(3), 4);

    assertThat(first).isEqualTo(new Page<>(List.of("t00", "t03", "t06", "t09"), true));
    assertThat(second).isEqualTo(new Page<>(List.of("t12", "t15", "t18", "t21"), true));
    assertThat(third).isEqualTo(new Page<>(List.of("t24", "t27"), false));
  }

  @Test
  void listTags_whenLimitEqualsRemaining_isNotTruncated_andLastNeedNotExist() {
    for (String t : List.of("a", "c", "e")) {
      index.putTag(REPO, TagRecord.pointing(t, digest("m1"), version(1)));
    }

    assertThat(index.listTags(REPO, null, 3)).isEqualTo(new Page<>(List.of("a", "c", "e"), false));
    assertThat(index.listTags(REPO, "b", 1)).isEqualTo(new Page<>(List.of("c"), true));
    assertThat(index.listTags(REPO, "e", 10)).isEqualTo(new Page<>(List.of(), false));
  }

  @Test
  void listTagsAndRepositories_whenLimitIsMaxInt_returnEverything() {
    for (String t : List.of("a", "b")) {
      index.putTag(REPO, TagRecord.pointing(t, digest("m1"), version(1)));
    }

    assertThat(index.listTags(REPO, null, Integer.MAX_VALUE)).isEqualTo(new Page<>(List.of("a", "b"), false));
    assertThat(index.listRepositories(null, Integer.MAX_VALUE))
        .isEqualTo(new Page<>(List.of(REPO.value()), false));
  }

  @Test
  void listTagRecords_returnsLiveRecordsWithDigests_paginatedLikeListTags() {
    index.putTag(REPO, TagRecord.pointing("a", digest("m1"), version(1)));
    index.putTag(REPO, TagRecord.pointing("b", digest("m2"), version(1)));
    index.putTag(REPO, TagRecord.pointing("c", digest("m1"), version(1)));
    index.putTag(REPO, TagRecord.deleted("b", version(2)));

    assertThat(index.listTagRecords(REPO, null, 1)).isEqualTo(new Page<>(
        List.of(TagRecord.pointing("a", digest("m1"), version(1))), true));
    assertThat(index.listTagRecords(REPO, "a", 5)).isEqualTo(new Page<>(
        List.of(TagRecord.pointing("c", digest("m1"), version(1))), false));
  }

  @Test
  void getManifests_returnsTheHeldOnes_acrossMoreDigestsThanOneBatch() {
    List<Digest> asked = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      asked.add(digest("m" + i));
      if (i % 2 == 0) {
        index.putManifest(REPO, manifest("m" + i));
      }
    }

    Map<Digest, ManifestRecord> held = index.getManifests(REPO, asked);

    assertThat(held).hasSize(60);
    assertThat(held.get(digest("m4"))).isEqualTo(manifest("m4"));
    assertThat(index.getManifests(repo("team/other"), asked)).isEmpty();
  }

  @Test
  void tagsPointingTo_returnsLiveTagsOfThatDigestOnly() {
    index.putTag(REPO, TagRecord.pointing("a", digest("m1"), version(1)));
    index.putTag(REPO, TagRecord.pointing("b", digest("m2"), version(1)));
    index.putTag(REPO, TagRecord.pointing("c", digest("m1"), version(1)));
    index.putTag(REPO, TagRecord.pointing("d", digest("m1"), version(1)));
    index.putTag(REPO, TagRecord.deleted("d", version(2)));
    index.putTag(repo("team/other"), TagRecord.pointing("x", digest("m1"), version(1)));

    assertThat(index.tagsPointingTo(REPO, digest("m1")))
        .extracting(TagRecord::tag)
        .containsExactlyInAnyOrder("a", "c");
  }

  @Test
  void putTag_whenThreadsRaceWithDistinctVersions_highestWins() throws Exception {
    int threads = 8;
    List<Callable<Boolean>> writers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      TagRecord tag = TagRecord.pointing("hot", digest("m" + i), version(1000 + i, i, "a" + i));
      writers.add(() -> index.putTag(REPO, tag));
    }

    List<Boolean> results = race(writers);

    assertThat(results).contains(true);
    TagRecord held = index.getTag(REPO, "hot").orElseThrow();
    assertThat(held.version()).isEqualTo(version(1000 + threads - 1, threads - 1, "a" + (threads - 1)));
    assertThat(held.digest()).isEqualTo(digest("m" + (threads - 1)));
  }

  // --- referrers ---

  @Test
  void listReferrers_returnsDescriptorsOfThatSubjectOrderedByDigest() {
    Descriptor r1 = new Descriptor(
        "application/vnd.oci.image.manifest.v1+json", digest("r1"), 10, "application/sbom",
        Map.of("a", "b"));
    Descriptor r2 = Descriptor.of("application/vnd.oci.image.manifest.v1+json", digest("r2"), 20);
    Descriptor r3 = Descriptor.of("application/vnd.oci.image.index.v1+json", digest("r3"), 30);
    index.putReferrer(REPO, digest("s1"), r1);
    index.putReferrer(REPO, digest("s1"), r2);
    index.putReferrer(REPO, digest("s1"), r3);
    index.putReferrer(REPO, digest("s1"), r2);
    index.putReferrer(REPO, digest("s2"), r3);

    List<Descriptor> expected = new ArrayList<>(List.of(r1, r2, r3));
    expected.sort((x, y) -> x.digest().compareTo(y.digest()));
    assertThat(index.listReferrers(REPO, digest("s1"))).containsExactlyElementsOf(expected);
    assertThat(index.listReferrers(REPO, digest("s2"))).containsExactly(r3);
    assertThat(index.listReferrers(REPO, digest("none"))).isEmpty();
    assertThat(index.listReferrers(repo("team/other"), digest("s1"))).isEmpty();
  }

  @Test
  void deleteReferrer_removesOnlyThatReferrer_andIsIdempotent() {
    Descriptor r1 = Descriptor.of("application/vnd.oci.image.manifest.v1+json", digest("r1"), 10);
    Descriptor r2 = Descriptor.of("application/vnd.oci.image.manifest.v1+json", digest("r2"), 20);
    index.putReferrer(REPO, digest("s1"), r1);
    index.putReferrer(REPO, digest("s1"), r2);

    index.deleteReferrer(REPO, digest("s1"), digest("r1"));
    index.deleteReferrer(REPO, digest("s1"), digest("r1"));

    assertThat(index.listReferrers(REPO, digest("s1"))).containsExactly(r2);
  }

  // --- catalog ---

  @Test
  void listRepositories_whenEmpty_isEmptyPage() {
    assertThat(index.listRepositories(null, 10)).isEqualTo(new Page<>(List.of(), false));
  }

  @Test
  void catalog_includesRepositoriesFromLinkManifestAndTag_once() {
    index.linkBlob(repo("c/blobs"), digest("b"), 1);
    index.putManifest(repo("a/manifests"), manifest("m"));
    index.putTag(repo("b/tags"), TagRecord.pointing("v1", digest("m"), version(1)));
    index.linkBlob(repo("c/blobs"), digest("b2"), 1);
    index.putManifest(repo("c/blobs"), manifest("m"));

    assertThat(index.listRepositories(null, 10).items())
        .containsExactly("a/manifests", "b/tags", "c/blobs");
  }

  @Test
  void listRepositories_paginatesWithLastAndLimit() {
    for (String name : List.of("e", "a", "d", "b", "c")) {
      index.linkBlob(repo(name), digest("b"), 1);
    }

    assertThat(index.listRepositories(null, 2)).isEqualTo(new Page<>(List.of("a", "b"), true));
    assertThat(index.listRepositories("b", 2)).isEqualTo(new Page<>(List.of("c", "d"), true));
    assertThat(index.listRepositories("d", 2)).isEqualTo(new Page<>(List.of("e"), false));
    assertThat(index.listRepositories("bb", 1)).isEqualTo(new Page<>(List.of("c"), true));
    assertThat(index.listRepositories(null, 5)).isEqualTo(new Page<>(List.of("a", "b", "c", "d", "e"), false));
  }

  // --- helpers ---

  private static ManifestRecord manifest(String seed) {
    return new ManifestRecord(
        digest(seed), "application/vnd.oci.image.manifest.v1+json", 100, null, null, Map.of(),
        List.of(digest(seed + "-config")), List.of(), T0);
  }
}

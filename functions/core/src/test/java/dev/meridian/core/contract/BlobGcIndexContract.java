package dev.meridian.core.contract;

import static dev.meridian.core.contract.ContractData.digest;
import static dev.meridian.core.contract.ContractData.repo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.BlobGcIndex;
import dev.meridian.core.storage.BlobLink;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.MetadataIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim protocol between pushes and garbage collection ({@link BlobGcIndex}), which both
 * index adapters must keep exactly: GC's safety rests on these conditional transitions.
 */
public abstract class BlobGcIndexContract {
  private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
  private static final Digest BLOB = digest("gc-blob");

  protected MetadataIndex index;

  protected abstract MetadataIndex createIndex();

  @BeforeEach
  void setUpIndex() {
    index = createIndex();
  }

  @Test
  void condemnBlob_whenNeverClaimed_condemnsOnce() {
    assertThat(index.condemnBlob(BLOB, "run1", T0)).isTrue();
    assertThat(index.condemnBlob(BLOB, "run2", T0)).isFalse();
  }

  @Test
  void condemnBlob_whenClaimedAtOrAfterCutoff_refuses() {
    index.claimBlob(BLOB, T0);

    assertThat(index.condemnBlob(BLOB, "run1", T0)).isFalse();
    assertThat(index.condemnBlob(BLOB, "run1", T0.plusMillis(1))).isTrue();
  }

  @Test
  void commitBlobDeletion_whenClaimedAfterCondemnation_fails() {
    index.condemnBlob(BLOB, "run1", T0);

    assertThat(index.claimBlob(BLOB, T0.plusSeconds(1))).isTrue();
    assertThat(index.commitBlobDeletion(BLOB, "run1", T0.plusSeconds(2))).isFalse();
  }

  @Test
  void commitBlobDeletion_onlyForTheCondemningRun() {
    index.condemnBlob(BLOB, "run1", T0);

    assertThat(index.commitBlobDeletion(BLOB, "run2", T0)).isFalse();
    assertThat(index.commitBlobDeletion(BLOB, "run1", T0)).isTrue();
    assertThat(index.commitBlobDeletion(BLOB, "run1", T0)).isFalse();
  }

  @Test
  void claimBlob_whileDeleting_isRefused_untilStale() {
    index.condemnBlob(BLOB, "run1", T0);
    index.commitBlobDeletion(BLOB, "run1", T0);

    assertThat(index.claimBlob(BLOB, T0.plusSeconds(1))).isFalse();
    assertThat(index.condemnBlob(BLOB, "run2", T0.plusSeconds(1))).isFalse();
    Instant stale = T0.plus(BlobGcIndex.STALE_DELETION).plus(Duration.ofSeconds(1));
    assertThat(index.claimBlob(BLOB, stale)).isTrue();
  }

  @Test
  void forgetBlob_removesRecordAndClaim() {
    index.putBlob(new BlobRecord(BLOB, 7, T0));
    index.condemnBlob(BLOB, "run1", T0);
    index.commitBlobDeletion(BLOB, "run1", T0);

    index.forgetBlob(BLOB);

    assertThat(index.getBlob(BLOB)).isEmpty();
    assertThat(index.claimBlob(BLOB, T0.plusSeconds(1))).isTrue();
  }

  @Test
  void listBlobLinks_pagesInDigestOrder() {
    RepositoryName repo = repo("team/usage");
    List<Digest> digests = List.of(digest("l1"), digest("l2"), digest("l3")).stream()
        .sorted(java.util.Comparator.comparing(Digest::toString)).toList();
    for (int i = 0; i < digests.size(); i++) {
      index.linkBlob(repo, digests.get(i), 10L + i);
    }
    index.linkBlob(repo("team/other"), digest("l4"), 99);

    var first = index.listBlobLinks(repo, null, 2);
    var rest = index.listBlobLinks(repo, digests.get(1), 2);

    assertThat(first.items()).containsExactly(new BlobLink(digests.get(0), 10),
        new BlobLink(digests.get(1), 11));
    assertThat(first.truncated()).isTrue();
    assertThat(rest.items()).containsExactly(new BlobLink(digests.get(2), 12));
    assertThat(rest.truncated()).isFalse();
  }
}

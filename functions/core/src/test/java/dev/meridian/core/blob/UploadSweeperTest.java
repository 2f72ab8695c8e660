package dev.meridian.core.blob;

import static dev.meridian.core.blob.UploadTestSupport.MIB;
import static dev.meridian.core.blob.UploadTestSupport.REPO;
import static dev.meridian.core.blob.UploadTestSupport.TTL;
import static dev.meridian.core.blob.UploadTestSupport.random;
import static dev.meridian.core.blob.UploadTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.replication.FlakyObjectStore;
import dev.meridian.core.storage.OpenMultipart;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Abandoned uploads are cleaned up — multipart parts, staging objects and the session — once
 * they are a TTL past expiry, while live uploads, finished blobs and young multipart uploads are
 * left alone. Uploads are made through the real upload service.
 */
class UploadSweeperTest {

  private final UploadTestSupport t = new UploadTestSupport();
  private final UploadSweeper sweeper = new UploadSweeper(t.store, t.objects, t.clock, TTL);

  /** An upload with one part in a multipart upload and a 3 MiB tail (two chunks), then left. */
  private UploadSession abandoned() {
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(random(UploadTestSupport.PART_SIZE, 7), 0));
    return t.service.append(REPO, s.id(),
        t.chunk(random(3 * MIB, 8), UploadTestSupport.PART_SIZE));
  }

  @Test
  void expiredSession_pastTheGrace_losesItsPartsTailAndRecord() {
    UploadSession s = abandoned();
    assertThat(s.multipartUploadId()).isNotNull();
    assertThat(s.tailSize()).isEqualTo(3 * MIB);
    assertThat(t.objects.head(StorageLayout.uploadTail(s.id()))).isPresent();
    assertThat(t.objects.openMultipartUploads()).isEqualTo(1);

    t.clock.advance(TTL.multipliedBy(2).plusSeconds(1)); // expired, and a TTL past that

    assertThat(sweeper.sweep()).isEqualTo(new UploadSweeper.Report(1, 0));
    assertThat(t.objects.openMultipartUploads()).isZero();
    assertThat(t.objects.list(StorageLayout.UPLOADS_PREFIX, null, 10)).isEmpty();
    assertThat(t.store.expired(t.clock.instant(), 10)).isEmpty();
    assertThat(sweeper.sweep()).isEqualTo(new UploadSweeper.Report(0, 0));
  }

  @Test
  void expiredSession_withinTheGrace_isLeftForALaterSweep() {
    UploadSession s = abandoned();

    t.clock.advance(TTL.plusMinutes(30)); // expired half a TTL ago

    assertThat(sweeper.sweep()).isEqualTo(new UploadSweeper.Report(0, 0));
    assertThat(t.objects.openMultipartUploads()).isEqualTo(1);
    assertThat(t.store.expired(t.clock.instant(), 10)).extracting(UploadSession::id)
        .containsExactly(s.id());
  }

  @Test
  void liveSession_keptAliveByItsChunks_keepsEverything_andFinishes() {
    java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
    UploadSession s = t.service.start(REPO);
    byte[] first = random(UploadTestSupport.PART_SIZE, 1);
    t.service.append(REPO, s.id(), t.chunk(first, 0));
    sent.writeBytes(first);
    // Its multipart upload grows older than the grace, but each chunk renews the idle TTL.
    for (int i = 0; i < 3; i++) {
      t.clock.advance(TTL.minusMinutes(1));
      byte[] more = random(MIB, 10 + i);
      t.service.append(REPO, s.id(), t.chunk(more, sent.size()));
      sent.writeBytes(more);
      assertThat(sweeper.sweep()).isEqualTo(new UploadSweeper.Report(0, 0));
    }

    byte[] all = sent.toByteArray();
    Digest digest = t.service.complete(REPO, s.id(), List.of(sha256(all).toString()),
        t.chunk(new byte[0]));

    assertThat(t.stored(digest)).isEqualTo(all);
  }

  @Test
  void orphanedMultipart_noSessionRecordsIt_isAbortedOnceOlderThanTheGrace() {
    UploadSession live = abandoned();
    // A lost race or a half-failed cleanup leaves a multipart upload no session knows: one under
    // a live session's key, one under a session that is gone.
    String underLive = t.objects.startMultipart(StorageLayout.uploadData(live.id()), "x");
    String underGone = t.objects.startMultipart(StorageLayout.uploadData("gone"), "x");
    t.clock.advance(TTL.minusMinutes(1));
    t.service.append(REPO, live.id(), t.chunk(random(MIB, 9), live.size())); // stays alive

    assertThat(sweeper.sweep()).isEqualTo(new UploadSweeper.Report(0, 0)); // too young

    t.clock.advance(Duration.ofMinutes(2));
    assertThat(sweeper.sweep()).isEqualTo(new UploadSweeper.Report(0, 2));

    assertThat(t.objects.listMultipart(StorageLayout.UPLOADS_PREFIX, null, 10))
        .extracting(OpenMultipart::uploadId)
        .containsExactly(live.multipartUploadId())
        .doesNotContain(underLive, underGone);
  }

  @Test
  void finishedAndCancelledUploads_leaveNothingToSweep() {
    byte[] blob = random(UploadTestSupport.PART_SIZE + MIB, 3);
    UploadSession done = t.service.start(REPO);
    t.service.append(REPO, done.id(), t.chunk(blob, 0));
    Digest digest = t.service.complete(REPO, done.id(), List.of(sha256(blob).toString()),
        t.chunk(new byte[0]));
    UploadSession cancelled = abandoned();
    t.service.cancel(REPO, cancelled.id());

    t.clock.advance(TTL.multipliedBy(3));

    assertThat(sweeper.sweep()).isEqualTo(new UploadSweeper.Report(0, 0));
    assertThat(t.stored(digest)).isEqualTo(blob);
  }

  @Test
  void manySessions_areSweptInBatches() {
    int count = UploadSweeper.BATCH * 2 + 7;
    for (int i = 0; i < count; i++) {
      UploadSession s = t.service.start(REPO);
      t.service.append(REPO, s.id(), t.chunk(random(10, i), 0));
    }

    t.clock.advance(TTL.multipliedBy(3));

    assertThat(sweeper.sweep().expiredSessions()).isEqualTo(count);
    assertThat(t.objects.list(StorageLayout.UPLOADS_PREFIX, null, 10)).isEmpty();
  }

  @Test
  void storageFailure_leavesTheSessionForTheNextSweep() {
    UploadSession s = abandoned();
    FlakyObjectStore flaky = new FlakyObjectStore(t.objects);
    UploadSweeper failing = new UploadSweeper(t.store, flaky, t.clock, TTL);
    t.clock.advance(TTL.multipliedBy(3));

    flaky.setDown(true);
    assertThat(failing.sweep()).isEqualTo(new UploadSweeper.Report(0, 0));
    assertThat(t.store.expired(t.clock.instant(), 10)).extracting(UploadSession::id)
        .containsExactly(s.id());

    flaky.setDown(false);
    assertThat(failing.sweep()).isEqualTo(new UploadSweeper.Report(1, 0));
    assertThat(t.objects.openMultipartUploads()).isZero();
  }
}

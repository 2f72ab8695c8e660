package dev.meridian.core.contract;

import static dev.meridian.core.contract.ContractData.digest;
import static dev.meridian.core.contract.ContractData.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.DirectUpload;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.UploadSession;
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the stateless push path relies on from upload sessions: creation is exclusive, updates are
 * compare-and-set on the revision, and an expired session is gone for readers (DynamoDB's TTL
 * deletes lazily, so the adapter must check expiry itself). A subclass supplies a fresh store that
 * reads time from the given clock.
 */
public abstract class UploadSessionStoreContract {

  private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.891011Z");

  protected MutableClock clock;
  protected UploadSessionStore sessions;

  protected abstract UploadSessionStore createStore(Clock clock);

  @BeforeEach
  void setUpStore() {
    clock = new MutableClock(NOW);
    sessions = createStore(clock);
  }

  @Test
  void create_thenGet_roundTripsEveryField() {
    UploadSession fresh = session(UUID.randomUUID().toString());
    UploadSession full =
        new UploadSession(
            UUID.randomUUID().toString(), repo("team/app"), "mpu-123",
            List.of(new CompletedPart(1, "\"etag-1\"", 5_242_880), new CompletedPart(2, "\"etag-2\"", 5_242_881)),
            17, 10_485_778, digest("content"), 3, NOW, NOW.plus(Duration.ofHours(1)));

    sessions.create(fresh);
    sessions.create(full);

    assertThat(sessions.get(fresh.id())).contains(fresh);
    assertThat(sessions.get(full.id())).contains(full);
  }

  /**
   * Direct uploads keep their phase and resumable hash in the session, through every write. (No
   * claim here: NOW lies in the real past, and DynamoDB Local's TTL deleted the item mid-test now
   * and then when the test made one more round trip.)
   */
  @Test
  void directUploadState_roundTripsThroughCreateAndUpdate() {
    UploadSession s = session(UUID.randomUUID().toString())
        .withDirect(DirectUpload.uploading(41_943_040, 8_388_608));
    sessions.create(s);
    assertThat(sessions.get(s.id())).contains(s);

    UploadSession verifying = withRevision(s, 1).withDirect(s.direct().verifying(
        digest("content"), 8_388_608, "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19.64."));
    assertThat(sessions.update(verifying, 0)).isTrue();
    UploadSession failed = withRevision(s, 2).withDirect(verifying.direct().failed("bad; digest"));
    assertThat(sessions.update(failed, 1)).isTrue();

    assertThat(sessions.get(s.id())).contains(failed);
  }

  @Test
  void get_whenUnknown_isEmpty() {
    assertThat(sessions.get(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void create_whenIdExists_throwsAndKeepsOriginal() {
    UploadSession original = session("dup");
    sessions.create(original);

    assertThatThrownBy(() -> sessions.create(withRevision(original, 5)))
        .isInstanceOf(StorageException.class);
    assertThat(sessions.get("dup")).contains(original);
  }

  @Test
  void update_whenRevisionMatches_replaces() {
    UploadSession s = session("u1");
    sessions.create(s);
    UploadSession next = grow(s, "mpu-1");

    assertThat(sessions.update(next, 0)).isTrue();
    assertThat(sessions.get("u1")).contains(next);
  }

  @Test
  void update_whenRevisionStale_losesAndChangesNothing() {
    UploadSession s = session("u1");
    sessions.create(s);
    UploadSession first = grow(s, "mpu-1");
    assertThat(sessions.update(first, 0)).isTrue();

    assertThat(sessions.update(grow(s, "mpu-2"), 0)).isFalse();
    assertThat(sessions.get("u1")).contains(first);
  }

  @Test
  void update_whenSessionUnknown_returnsFalseAndCreatesNothing() {
    UploadSession ghost = session("ghost");

    assertThat(sessions.update(grow(ghost, "mpu"), 0)).isFalse();
    assertThat(sessions.get("ghost")).isEmpty();
  }

  @Test
  void get_whenExpired_isEmpty_andUpdateLoses() {
    UploadSession s = session("old");
    sessions.create(s);

    clock.advance(Duration.ofHours(2));

    assertThat(sessions.get("old")).isEmpty();
    assertThat(sessions.update(grow(s, "mpu"), 0)).isFalse();
  }

  @Test
  void get_justBeforeExpiry_returnsSession() {
    UploadSession s = session("young");
    sessions.create(s);

    clock.advance(Duration.ofMinutes(59));

    assertThat(sessions.get("young")).contains(s);
  }

  @Test
  void stored_showsTheSessionExpiredOrNot_untilDeleted() {
    UploadSession s = session("kept");
    sessions.create(s);
    assertThat(sessions.stored("kept")).contains(s);

    clock.advance(Duration.ofHours(2));

    assertThat(sessions.get("kept")).isEmpty();
    assertThat(sessions.stored("kept")).contains(s);
    sessions.delete("kept");
    assertThat(sessions.stored("kept")).isEmpty();
    assertThat(sessions.stored("never")).isEmpty();
  }

  /** The sweeper's view: expired sessions stay findable (with every field) until deleted. */
  @Test
  void expired_listsSessionsExpiredByTheCutoff_untilDeleted() {
    UploadSession soon = session("soon"); // expires NOW + 1 h
    UploadSession later = withExpiry(session("later"), NOW.plus(Duration.ofHours(3)));
    sessions.create(soon);
    sessions.create(later);

    assertThat(sessions.expired(NOW, 10)).isEmpty();
    assertThat(sessions.expired(NOW.plus(Duration.ofHours(1)).minusMillis(1), 10)).isEmpty();
    assertThat(sessions.expired(NOW.plus(Duration.ofHours(1)), 10)).containsExactly(soon);
    assertThat(sessions.expired(NOW.plus(Duration.ofHours(4)), 10))
        .containsExactlyInAnyOrder(soon, later);
    assertThat(sessions.expired(NOW.plus(Duration.ofHours(4)), 1)).hasSize(1);

    sessions.delete("soon");

    assertThat(sessions.expired(NOW.plus(Duration.ofHours(4)), 10)).containsExactly(later);
  }

  @Test
  void delete_removes_andIsIdempotent() {
    sessions.create(session("d"));

    sessions.delete("d");
    sessions.delete("d");
    sessions.delete("never");

    assertThat(sessions.get("d")).isEmpty();
  }

  @Test
  void update_whenThreadsRaceOnOneRevision_exactlyOneWins() throws Exception {
    UploadSession s = session("race");
    sessions.create(s);
    List<Callable<Boolean>> writers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      UploadSession next = grow(s, "mpu-" + i);
      writers.add(() -> sessions.update(next, 0));
    }

    List<Boolean> results = ContractData.race(writers);

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
    int winner = results.indexOf(true);
    assertThat(sessions.get("race").orElseThrow().multipartUploadId()).isEqualTo("mpu-" + winner);
  }

  @Test
  void claim_movesTheRevisionAndExpiryOn_keepsTheRest_andStaleUpdatesLose() {
    UploadSession s = grow(session("claim"), "mpu-1");
    sessions.create(s);
    Instant later = NOW.plus(Duration.ofHours(2));

    UploadSession claimed = sessions.claim("claim", later).orElseThrow();

    assertThat(claimed).isEqualTo(new UploadSession(s.id(), s.repository(), "mpu-1", s.parts(),
        s.tailSize(), s.size(), s.hashedDigest(), s.revision() + 1, s.createdAt(), later));
    assertThat(sessions.get("claim")).contains(claimed);
    assertThat(sessions.update(grow(s, "mpu-2"), s.revision())).isFalse();
  }

  @Test
  void claim_whenUnknownOrExpired_isEmpty_andCreatesNothing() {
    sessions.create(withExpiry(session("old"), NOW.plusSeconds(10)));
    clock.advance(Duration.ofSeconds(11));

    assertThat(sessions.claim("old", NOW.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(sessions.claim("never", NOW.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(sessions.stored("never")).isEmpty();
    assertThat(sessions.stored("old").orElseThrow().revision()).isZero();
  }

  @Test
  void claim_whenThreadsRace_eachSeesItsOwnRevision() throws Exception {
    sessions.create(session("claims"));
    List<Callable<Long>> claimers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claimers.add(() -> sessions.claim("claims", NOW.plus(Duration.ofHours(1)))
          .orElseThrow().revision());
    }

    List<Long> revisions = ContractData.race(claimers);

    assertThat(revisions).doesNotHaveDuplicates().containsExactlyInAnyOrder(
        1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(sessions.get("claims").orElseThrow().revision()).isEqualTo(8);
  }

  // --- helpers ---

  private static UploadSession session(String id) {
    return new UploadSession(
        id, repo("team/app"), null, List.of(), 0, 0, null, 0, NOW, NOW.plus(Duration.ofHours(1)));
  }

  private static UploadSession grow(UploadSession s, String uploadId) {
    List<CompletedPart> parts = new ArrayList<>(s.parts());
    parts.add(new CompletedPart(parts.size() + 1, "\"e\"", 5_242_880));
    return new UploadSession(
        s.id(), s.repository(), uploadId, parts, 3, s.size() + 5_242_883, null, s.revision() + 1,
        s.createdAt(), s.expiresAt());
  }

  private static UploadSession withExpiry(UploadSession s, Instant expiresAt) {
    return new UploadSession(
        s.id(), s.repository(), s.multipartUploadId(), s.parts(), s.tailSize(), s.size(),
        s.hashedDigest(), s.revision(), s.createdAt(), expiresAt);
  }

  private static UploadSession withRevision(UploadSession s, long revision) {
    return new UploadSession(
        s.id(), s.repository(), s.multipartUploadId(), s.parts(), s.tailSize(), s.size(),
        s.hashedDigest(), revision, s.createdAt(), s.expiresAt(), s.direct());
  }
}

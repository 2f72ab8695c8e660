package dev.meridian.core.blob;

import static dev.meridian.core.blob.UploadTestSupport.MIB;
import static dev.meridian.core.blob.UploadTestSupport.REPO;
import static dev.meridian.core.blob.UploadTestSupport.TTL;
import static dev.meridian.core.blob.UploadTestSupport.random;
import static dev.meridian.core.blob.UploadTestSupport.sha256;
import static dev.meridian.core.blob.UploadTestSupport.sha512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadServiceTest {

  private final UploadTestSupport t = new UploadTestSupport();

  @Test
  void complete_whenDigestDoesNotMatch_digestInvalidAndDataDiscarded() {
    byte[] bytes = random(6 * MIB, 1);
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(bytes));

    assertCode(() -> t.service.complete(REPO, s.id(), List.of(sha256(new byte[] {1}).toString()),
        t.chunk(new byte[0])), OciErrorCode.DIGEST_INVALID);
    assertThat(t.store.get(s.id())).isEmpty();
    assertThat(t.objects.list(StorageLayout.UPLOADS_PREFIX, null, 10)).isEmpty();
    assertThat(t.objects.openMultipartUploads()).isZero();
    assertThat(t.index.getBlob(sha256(new byte[] {1}))).isEmpty();
  }

  @Test
  void complete_whenDigestMismatchAfterSeveralChunks_digestInvalidByReRead() {
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(random(10, 1), 0));
    t.service.append(REPO, s.id(), t.chunk(random(10, 2), 10));

    assertCode(() -> t.service.complete(REPO, s.id(), List.of(sha256(random(20, 3)).toString()),
        t.chunk(new byte[0])), OciErrorCode.DIGEST_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sha256:abc", "md5:d41d8cd98f00b204e9800998ecf8427e", "nonsense"})
  void complete_whenDigestMissingOrMalformed_digestInvalid(String digest) {
    UploadSession s = t.service.start(REPO);
    List<String> params = digest.isEmpty() ? List.of() : List.of(digest);

    assertCode(() -> t.service.complete(REPO, s.id(), params, t.chunk(new byte[0])),
        OciErrorCode.DIGEST_INVALID);
    assertThat(t.store.get(s.id())).isPresent();
  }

  @Test
  void complete_whenTheBlobIsCollectedAfterTheExistenceCheck_copiesItIntoPlaceAgain() {
    byte[] bytes = random(MIB + 3, 9);
    Digest digest = sha256(bytes);
    String blobKey = StorageLayout.blob(digest);
    t.objects.put(blobKey, new ByteArrayInputStream(bytes), bytes.length, null);
    UploadSession s = t.service.start(REPO);
    // A GC run deletes the blob while the PUT's body streams in: after the PUT asked whether the
    // region holds it, before the upload claims it.
    t.objects.onObjectCreated(e -> {
      if (e.key().startsWith(StorageLayout.UPLOADS_PREFIX)) {
        t.objects.delete(blobKey);
      }
    });

    Digest done = t.service.complete(REPO, s.id(), List.of(digest.toString()), t.chunk(bytes));

    assertThat(t.stored(done)).isEqualTo(bytes);
    assertThat(t.index.getBlob(digest)).isPresent();
  }

  @Test
  void complete_whenOnePatchUnderThePartSizeThenAnEmptyPut_theTailBecomesTheBlob() {
    byte[] bytes = random(MIB + 7, 5);
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(bytes));
    List<String> created = new java.util.ArrayList<>();
    t.objects.onObjectCreated(e -> created.add(e.key()));

    Digest digest = t.service.complete(REPO, s.id(), List.of(sha256(bytes).toString()),
        t.chunk(new byte[0]));

    assertThat(t.stored(digest)).isEqualTo(bytes);
    // Not read back and written again under the upload's data key: linked in place.
    assertThat(created).containsExactly(StorageLayout.blob(digest));
    // No data object was written, so none is deleted; the tail is.
    assertThat(t.objects.deleteCalls()).containsExactly(StorageLayout.uploadTail(s.id()));
    assertThat(t.objects.list(StorageLayout.UPLOADS_PREFIX, null, 10)).isEmpty();
    assertThat(t.store.get(s.id())).isEmpty();
    assertThat(t.index.linkedBlobSize(REPO, digest)).contains((long) bytes.length);
  }

  @Test
  void complete_whenTheTailIsTheBlobButTheDigestIsWrong_digestInvalidAndNothingKept() {
    byte[] bytes = random(3000, 6);
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(bytes));

    assertCode(() -> t.service.complete(REPO, s.id(), List.of(sha256(random(3000, 7)).toString()),
        t.chunk(new byte[0])), OciErrorCode.DIGEST_INVALID);
    assertThat(t.objects.list(StorageLayout.UPLOADS_PREFIX, null, 10)).isEmpty();
    assertThat(t.objects.list(StorageLayout.BLOBS_PREFIX, null, 10)).isEmpty();
  }

  @Test
  void complete_whenSha512Chunked_acceptedAndStoredUnderSha512() {
    byte[] bytes = random(9 * MIB + 3, 4);
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(bytes));

    Digest digest = t.service.complete(REPO, s.id(), List.of(sha512(bytes).toString()),
        t.chunk(new byte[0]));

    assertThat(digest.algorithm()).isEqualTo("sha512");
    assertThat(t.stored(digest)).isEqualTo(bytes);
  }

  @Test
  void monolithic_whenSha512_hashesWhileStreaming() {
    byte[] bytes = random(1000, 5);
    Digest digest = t.service.monolithic(REPO, sha512(bytes).toString(),
        new ByteArrayInputStream(bytes), -1);

    assertThat(digest).isEqualTo(sha512(bytes));
    assertThat(t.index.linkedBlobSize(REPO, digest)).contains(1000L);
  }

  @Test
  void complete_whenSeveralDigestsGiven_verifiesAll() {
    byte[] bytes = random(100, 6);
    UploadSession s = t.service.start(REPO);
    UploadSession other = t.service.start(REPO);

    Digest digest = t.service.complete(REPO, s.id(),
        List.of(sha256(bytes).toString(), sha512(bytes).toString()), t.chunk(bytes));
    assertThat(digest).isEqualTo(sha256(bytes));
    assertCode(() -> t.service.complete(REPO, other.id(),
        List.of(sha256(bytes).toString(), sha512(new byte[0]).toString()), t.chunk(bytes)),
        OciErrorCode.DIGEST_INVALID);
  }

  @Test
  void complete_whenZeroLengthBlob_storesEmptyObject() {
    UploadSession s = t.service.start(REPO);
    Digest empty = sha256(new byte[0]);

    Digest digest = t.service.complete(REPO, s.id(), List.of(empty.toString()),
        t.chunk(new byte[0]));

    assertThat(digest).isEqualTo(empty);
    assertThat(t.stored(empty)).isEmpty();
    assertThat(t.index.linkedBlobSize(REPO, empty)).contains(0L);
  }

  @Test
  void complete_whenBlobAlreadyHeld_linksWithoutCopyingAgain() {
    byte[] bytes = random(100, 7);
    Digest digest = t.service.monolithic(REPO, sha256(bytes).toString(),
        new ByteArrayInputStream(bytes), 100);
    String eTag = t.objects.head(StorageLayout.blob(digest)).orElseThrow().eTag();
    RepositoryName other = RepositoryName.parse("other/app");

    t.service.monolithic(other, digest.toString(), new ByteArrayInputStream(bytes), 100);

    assertThat(t.objects.head(StorageLayout.blob(digest)).orElseThrow().eTag()).isEqualTo(eTag);
    assertThat(t.index.linkedBlobSize(other, digest)).contains(100L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc", "..", "not-a-uuid", "00000000-0000-0000-0000-00000000000G"})
  void append_whenSessionIdMalformed_blobUploadUnknown(String id) {
    assertCode(() -> t.service.append(REPO, id, t.chunk(new byte[1])),
        OciErrorCode.BLOB_UPLOAD_UNKNOWN);
  }

  @Test
  void status_whenSessionUnknown_blobUploadUnknown() {
    assertCode(() -> t.service.status(REPO, UUID.randomUUID().toString()),
        OciErrorCode.BLOB_UPLOAD_UNKNOWN);
  }

  @Test
  void status_whenSessionOfAnotherRepository_blobUploadUnknown() {
    UploadSession s = t.service.start(REPO);
    assertCode(() -> t.service.status(RepositoryName.parse("other"), s.id()),
        OciErrorCode.BLOB_UPLOAD_UNKNOWN);
  }

  @Test
  void append_whenSessionExpired_blobUploadUnknown() {
    UploadSession s = t.service.start(REPO);
    t.clock.advance(TTL.plus(Duration.ofSeconds(1)));

    assertCode(() -> t.service.append(REPO, s.id(), t.chunk(new byte[1])),
        OciErrorCode.BLOB_UPLOAD_UNKNOWN);
  }

  @Test
  void append_whenActive_pushesExpiryOut() {
    UploadSession s = t.service.start(REPO);
    t.clock.advance(TTL.minusMinutes(1));
    t.service.append(REPO, s.id(), t.chunk(new byte[1]));
    t.clock.advance(Duration.ofMinutes(30));

    assertThat(t.service.status(REPO, s.id()).size()).isEqualTo(1);
  }

  @Test
  void cancel_whenPartsAndTailExist_removesEverything() {
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(random(9 * MIB, 8)));

    t.service.cancel(REPO, s.id());

    assertThat(t.objects.openMultipartUploads()).isZero();
    assertThat(t.objects.list(StorageLayout.UPLOADS_PREFIX, null, 10)).isEmpty();
    assertCode(() -> t.service.status(REPO, s.id()), OciErrorCode.BLOB_UPLOAD_UNKNOWN);
    assertCode(() -> t.service.cancel(REPO, s.id()), OciErrorCode.BLOB_UPLOAD_UNKNOWN);
  }

  @Test
  void append_whenTailObjectLost_blobUploadInvalid() {
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(new byte[10]));
    t.objects.delete(StorageLayout.uploadTail(s.id()));

    assertCode(() -> t.service.append(REPO, s.id(), t.chunk(new byte[10])),
        OciErrorCode.BLOB_UPLOAD_INVALID);
  }

  private static void assertCode(ThrowingCallable call, OciErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }
}

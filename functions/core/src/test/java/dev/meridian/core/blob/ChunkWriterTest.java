package dev.meridian.core.blob;

import static dev.meridian.core.blob.UploadTestSupport.MIB;
import static dev.meridian.core.blob.UploadTestSupport.REPO;
import static dev.meridian.core.blob.UploadTestSupport.concat;
import static dev.meridian.core.blob.UploadTestSupport.random;
import static dev.meridian.core.blob.UploadTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Part buffering: S3 parts of at least 5 MiB (8 MiB while streaming), the rest as the tail. */
class ChunkWriterTest {

  private final UploadTestSupport t = new UploadTestSupport();

  @ParameterizedTest(name = "{0} bytes, length unknown -> parts {1}, tail {2}")
  @CsvSource({
      "5242880, 5242880, 0",          // exactly 5 MiB: a valid part, nothing left over
      "5242879, '', 5242879",         // 1 byte short of a part: all tail
      "8388608, 8388608, 0",          // exactly one part buffer
      "8388609, 8388608, 1",          // one byte over: a part and a 1-byte tail
      "13631488, 8388608;5242880, 0", // 13 MiB: a full part and a 5 MiB part
      "1, '', 1"})
  void append_whenSingleStreamedChunk_splitsIntoPartsAndTail(long size, String partSizes,
      long tail) {
    UploadSession session = t.service.start(REPO);
    UploadSession after = t.service.append(REPO, session.id(), new UploadService.Chunk(
        new java.io.ByteArrayInputStream(random(size, 1)), -1, null));

    assertParts(session, after, size, partSizes, tail);
  }

  @ParameterizedTest(name = "{0} bytes, Content-Length known -> parts {1}, tail {2}")
  @CsvSource({
      "5242880, 5242880, 0",          // below the part buffer: buffered, a valid part
      "5242879, '', 5242879",         // 1 byte short of a part: all tail
      "8388608, 8388608, 0",          // one part buffer or more: streamed as one part
      "8388609, 8388609, 0",
      "13631488, 13631488, 0",
      "1, '', 1"})
  void append_whenSingleChunkOfKnownLength_streamsOnePartOrBuffers(long size, String partSizes,
      long tail) {
    UploadSession session = t.service.start(REPO);
    UploadSession after = t.service.append(REPO, session.id(), t.chunk(random(size, 1)));

    assertParts(session, after, size, partSizes, tail);
  }

  @Test
  void append_whenKnownLengthAfterATail_buffersTheTailThenStreamsTheRest() {
    byte[] a = random(3 * MIB, 1);
    byte[] b = random(20 * MIB, 2);
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(a, 0));
    UploadSession after = t.service.append(REPO, s.id(), t.chunk(b, 3 * MIB));

    // The 3 MiB tail fills the buffer with 5 MiB of b into one 8 MiB part; the other 15 MiB of b
    // go to S3 as one part straight from the request.
    assertThat(after.parts()).extracting(CompletedPart::size)
        .containsExactly(8L * MIB, 15L * MIB);
    assertThat(after.tailSize()).isZero();
    Digest digest = t.service.complete(REPO, s.id(), List.of(sha256(concat(a, b)).toString()),
        t.chunk(new byte[0]));
    assertThat(digest).isEqualTo(sha256(concat(a, b)));
  }

  @Test
  void append_whenKnownLengthBodyEndsEarly_isSizeInvalid() {
    UploadSession s = t.service.start(REPO);
    byte[] body = random(9 * MIB, 1);
    UploadService.Chunk shortChunk = new UploadService.Chunk(
        new java.io.ByteArrayInputStream(body), body.length + 10, null);

    assertThatThrownBy(() -> t.service.append(REPO, s.id(), shortChunk))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(OciErrorCode.SIZE_INVALID));
  }

  private void assertParts(UploadSession session, UploadSession after, long size,
      String partSizes, long tail) {
    assertThat(after.parts()).extracting(CompletedPart::size).containsExactlyElementsOf(
        partSizes.isEmpty() ? List.of() : parse(partSizes));
    assertThat(after.tailSize()).isEqualTo(tail);
    assertThat(after.size()).isEqualTo(size);
    assertThat(t.objects.head(StorageLayout.uploadTail(session.id())).map(i -> i.size()))
        .isEqualTo(tail == 0 ? java.util.Optional.empty() : java.util.Optional.of(tail));
  }

  @Test
  void append_whenOddChunksAcrossRequests_carriesTailAndAssemblesExactBytes() {
    byte[] a = random(1, 1);
    byte[] b = random(3 * MIB, 2);
    byte[] c = random(7 * MIB, 3);
    byte[] d = random(1, 4);
    UploadSession s = t.service.start(REPO);

    UploadSession afterA = t.service.append(REPO, s.id(), t.chunk(a, 0));
    UploadSession afterB = t.service.append(REPO, s.id(), t.chunk(b, 1));
    UploadSession afterC = t.service.append(REPO, s.id(), t.chunk(c, 1 + 3 * MIB));

    assertThat(afterA.tailSize()).isEqualTo(1);
    assertThat(afterB.parts()).isEmpty();
    assertThat(afterB.tailSize()).isEqualTo(3 * MIB + 1);
    assertThat(afterC.parts()).extracting(CompletedPart::size).containsExactly(8 * MIB);
    assertThat(afterC.tailSize()).isEqualTo(2 * MIB + 1);
    assertThat(afterC.hashedDigest()).isNull();

    byte[] all = concat(a, b, c, d);
    Digest digest = t.service.complete(REPO, s.id(), List.of(sha256(all).toString()),
        t.chunk(d, 10 * MIB + 1));

    assertThat(digest).isEqualTo(sha256(all));
    assertThat(t.stored(digest)).isEqualTo(all);
    assertThat(t.objects.openMultipartUploads()).isZero();
    assertThat(t.objects.list(StorageLayout.UPLOADS_PREFIX, null, 10)).isEmpty();
    assertThat(t.store.get(s.id())).isEmpty();
  }

  @Test
  void append_whenFirstRequestCarriesEverything_remembersItsDigest() {
    byte[] bytes = random(9 * MIB, 5);
    UploadSession s = t.service.start(REPO);

    UploadSession after = t.service.append(REPO, s.id(), t.chunk(bytes));
    UploadSession afterEmpty = t.service.append(REPO, s.id(), t.chunk(new byte[0]));
    UploadSession afterMore = t.service.append(REPO, s.id(), t.chunk(new byte[] {1}));

    assertThat(after.hashedDigest()).isEqualTo(sha256(bytes));
    assertThat(afterEmpty.hashedDigest()).isEqualTo(sha256(bytes));
    assertThat(afterMore.hashedDigest()).isNull();
  }

  @Test
  void complete_whenWholeBlobInFinalPut_usesOnePutBelowPartSize() {
    byte[] bytes = random(3 * MIB, 6);
    UploadSession s = t.service.start(REPO);

    Digest digest = t.service.complete(REPO, s.id(), List.of(sha256(bytes).toString()),
        t.chunk(bytes));

    assertThat(t.stored(digest)).isEqualTo(bytes);
    assertThat(t.index.linkedBlobSize(REPO, digest)).contains(3 * MIB);
  }

  @Test
  void complete_whenPartsEndExactlyAtBoundary_completesWithoutEmptyLastPart() {
    byte[] bytes = random(16 * MIB, 7);
    UploadSession s = t.service.start(REPO);
    t.service.append(REPO, s.id(), t.chunk(bytes));

    Digest digest = t.service.complete(REPO, s.id(), List.of(sha256(bytes).toString()),
        t.chunk(new byte[0]));

    assertThat(t.stored(digest)).isEqualTo(bytes);
  }

  @Test
  void append_whenBodyShorterThanContentLength_sizeInvalidAndSessionUnchanged() {
    UploadSession s = t.service.start(REPO);
    var shortBody = new UploadService.Chunk(new java.io.ByteArrayInputStream(new byte[10]), 20,
        null);

    assertThatThrownBy(() -> t.service.append(REPO, s.id(), shortBody))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(OciErrorCode.SIZE_INVALID));
    assertThat(t.store.get(s.id()).orElseThrow().size()).isZero();
  }

  @Test
  void append_whenBodyLongerThanRangeAfterStartingMultipart_abortsIt() {
    UploadSession s = t.service.start(REPO);
    byte[] bytes = random(9 * MIB, 8);
    var overlong = new UploadService.Chunk(new java.io.ByteArrayInputStream(bytes), -1,
        "0-" + (8 * MIB + 10));

    assertThatThrownBy(() -> t.service.append(REPO, s.id(), overlong))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(OciErrorCode.SIZE_INVALID));
    assertThat(t.objects.openMultipartUploads()).isZero();
  }

  private static List<Long> parse(String sizes) {
    List<Long> out = new ArrayList<>();
    for (String s : sizes.split(";")) {
      out.add(Long.parseLong(s));
    }
    return out;
  }
}

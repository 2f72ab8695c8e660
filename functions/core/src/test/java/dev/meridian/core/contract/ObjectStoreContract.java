package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.OpenMultipart;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Meridian relies on from a bucket (S3 semantics), after CNCF distribution's
 * {@code registry/storage/driver/testsuites}. A subclass supplies a fresh, empty store per test.
 */
public abstract class ObjectStoreContract {

  protected ObjectStore store;

  /** A new, empty store; called before every test. */
  protected abstract ObjectStore createStore();

  @BeforeEach
  void setUpStore() {
    store = createStore();
  }

  @Test
  void put_thenGet_returnsSameBytesAndInfo() throws IOException {
    byte[] bytes = randomBytes(1000, 1);
    store.put("blobs/sha256/aa", new ByteArrayInputStream(bytes), bytes.length, "application/x-test");

    try (ObjectContent content = store.get("blobs/sha256/aa").orElseThrow()) {
      assertThat(content.length()).isEqualTo(1000);
      assertThat(content.info().key()).isEqualTo("blobs/sha256/aa");
      assertThat(content.info().size()).isEqualTo(1000);
      assertThat(content.info().contentType()).isEqualTo("application/x-test");
      assertThat(content.stream().readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void put_whenStreamCannotMarkOrReset_storesEveryByte() throws IOException {
    // Request bodies arrive as network streams: an adapter must neither need mark/reset nor
    // buffer the body to sign or retry it.
    byte[] bytes = randomBytes(6 * 1024 * 1024 + 17, 7);
    store.put("big", oneShot(bytes), bytes.length, "application/octet-stream");

    try (ObjectContent content = store.get("big").orElseThrow()) {
      assertThat(content.length()).isEqualTo(bytes.length);
      assertThat(content.stream().readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void put_whenEmptyBody_storesZeroLengthObject() throws IOException {
    store.put("empty", InputStream.nullInputStream(), 0, "application/octet-stream");

    assertThat(store.head("empty").orElseThrow().size()).isZero();
    try (ObjectContent content = store.get("empty").orElseThrow()) {
      assertThat(content.stream().readAllBytes()).isEmpty();
    }
  }

  @Test
  void put_whenKeyExists_replacesObject() throws IOException {
    putText("k", "first");
    putText("k", "second, longer");

    assertThat(readText("k")).isEqualTo("second, longer");
    assertThat(store.head("k").orElseThrow().size()).isEqualTo(14);
  }

  @Test
  void head_returnsSizeETagAndContentType() {
    putText("k", "hello");

    ObjectInfo info = store.head("k").orElseThrow();
    assertThat(info.key()).isEqualTo("k");
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.eTag()).isNotBlank();
    assertThat(info.contentType()).isEqualTo("text/plain");
  }

  @Test
  void headGetAndRange_whenAbsent_returnEmpty() {
    assertThat(store.head("missing")).isEmpty();
    assertThat(store.get("missing")).isEmpty();
    assertThat(store.getRange("missing", 0, 10)).isEmpty();
  }

  @Test
  void getRange_returnsInclusiveBytesAndWholeObjectInfo() throws IOException {
    byte[] bytes = randomBytes(100, 2);
    store.put("r", new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");

    try (ObjectContent content = store.getRange("r", 10, 19).orElseThrow()) {
      assertThat(content.length()).isEqualTo(10);
      assertThat(content.info().size()).isEqualTo(100);
      assertThat(content.stream().readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 10, 20));
    }
  }

  @Test
  void getRange_whenLastBeyondEnd_clampsToObjectEnd() throws IOException {
    byte[] bytes = randomBytes(100, 3);
    store.put("r", new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");

    try (ObjectContent content = store.getRange("r", 90, 1000).orElseThrow()) {
      assertThat(content.length()).isEqualTo(10);
      assertThat(content.stream().readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 90, 100));
    }
  }

  @Test
  void putIfAbsent_whenAbsent_writesAndReturnsTrue() {
    assertThat(store.putIfAbsent("t", bytes("one"), "application/json")).isTrue();
    assertThat(readText("t")).isEqualTo("one");
  }

  /** A retried write meets its own first attempt: the same bytes count as written. */
  @Test
  void putIfAbsent_whenSameBytesPresent_returnsTrueAndKeepsObject() {
    assertThat(store.putIfAbsent("t", bytes("one"), "application/json")).isTrue();
    assertThat(store.putIfAbsent("t", bytes("one"), "application/json")).isTrue();
    assertThat(readText("t")).isEqualTo("one");
  }

  @Test
  void putIfAbsent_whenPresent_returnsFalseAndKeepsObject() {
    assertThat(store.putIfAbsent("t", bytes("one"), "application/json")).isTrue();
    assertThat(store.putIfAbsent("t", bytes("two"), "application/json")).isFalse();
    assertThat(readText("t")).isEqualTo("one");
  }

  @Test
  void copy_copiesBytesAndContentType() {
    putText("src", "payload");

    store.copy("src", "dst/copy");

    assertThat(readText("dst/copy")).isEqualTo("payload");
    assertThat(store.head("dst/copy").orElseThrow().contentType()).isEqualTo("text/plain");
    assertThat(readText("src")).isEqualTo("payload");
  }

  @Test
  void copy_whenSourceAbsent_throwsStorageException() {
    assertThatThrownBy(() -> store.copy("missing", "dst")).isInstanceOf(StorageException.class);
    assertThat(store.head("dst")).isEmpty();
  }

  @Test
  void delete_removesObject_andIsIdempotent() {
    putText("k", "x");

    store.delete("k");
    store.delete("k");
    store.delete("never-existed");

    assertThat(store.head("k")).isEmpty();
  }

  @Test
  void list_returnsKeysUnderPrefixAscending() {
    // No key here is also a "directory" of another ("a" next to "a/1"): filesystem-backed S3
    // servers (s3proxy's nio2 stores) cannot hold both, and StorageLayout never needs it.
    for (String key : List.of("a/3", "a/1", "a/2", "b/1", "a-", "ab/1")) {
      putText(key, key);
    }

    assertThat(store.list("a/", null, 100)).containsExactly("a/1", "a/2", "a/3");
    assertThat(store.list("", null, 100)).containsExactly("a-", "a/1", "a/2", "a/3", "ab/1", "b/1");
    assertThat(store.list("zzz/", null, 100)).isEmpty();
  }

  @Test
  void list_withStartAfterAndLimit_pages() {
    for (int i = 0; i < 7; i++) {
      putText("p/" + i, "x");
    }

    assertThat(store.list("p/", null, 3)).containsExactly("p/0", "p/1", "p/2");
    assertThat(store.list("p/", "p/2", 3)).containsExactly("p/3", "p/4", "p/5");
    assertThat(store.list("p/", "p/5", 3)).containsExactly("p/6");
    assertThat(store.list("p/", "p/6", 3)).isEmpty();
  }

  @Test
  void list_whenStartAfterIsNotAKey_startsAfterItLexically() {
    for (String key : List.of("p/a", "p/c", "p/e")) {
      putText(key, "x");
    }

    assertThat(store.list("p/", "p/b", 10)).containsExactly("p/c", "p/e");
  }

  @Test
  void putIfAbsent_withMetadata_isReturnedByHeadAndGet() throws IOException {
    Map<String, String> metadata = Map.of("meridian-origin", "ab", "meridian-request-id", "r-1");

    assertThat(store.putIfAbsent("m", bytes("{}"), "application/json", metadata)).isTrue();

    assertThat(store.head("m").orElseThrow().metadata()).isEqualTo(metadata);
    try (ObjectContent content = store.get("m").orElseThrow()) {
      assertThat(content.info().metadata()).isEqualTo(metadata);
    }
  }

  @Test
  void copyFrom_anotherBucket_copiesBytesContentTypeAndMetadataToTheSameKey() throws IOException {
    ObjectStore peer = createStore();
    assertThat(peer.bucket()).isNotEqualTo(store.bucket());
    Map<String, String> metadata = Map.of("meridian-origin", "aa");
    peer.putIfAbsent("repositories/r/_manifests/sha256/ab", bytes("manifest"), "application/x-m",
        metadata);

    store.copyFrom(peer, "repositories/r/_manifests/sha256/ab");

    ObjectInfo info = store.head("repositories/r/_manifests/sha256/ab").orElseThrow();
    assertThat(info.contentType()).isEqualTo("application/x-m");
    assertThat(info.metadata()).isEqualTo(metadata);
    assertThat(readText("repositories/r/_manifests/sha256/ab")).isEqualTo("manifest");
    assertThat(readTextFrom(peer, "repositories/r/_manifests/sha256/ab")).isEqualTo("manifest");
  }

  @Test
  void copyFrom_whenSourceMissing_throwsStorageException() {
    ObjectStore peer = createStore();

    assertThatThrownBy(() -> store.copyFrom(peer, "absent"))
        .isInstanceOf(StorageException.class);
    assertThat(store.head("absent")).isEmpty();
  }

  @Test
  void multipart_withFullPartsAndSmallerLastPart_assemblesObject() throws IOException {
    String key = StorageLayout.uploadData("session-1");
    byte[] first = randomBytes((int) ObjectStore.MIN_PART_SIZE, 4);
    byte[] second = randomBytes((int) ObjectStore.MIN_PART_SIZE, 5);
    byte[] last = randomBytes(1234, 6);

    String uploadId = store.startMultipart(key, "application/octet-stream");
    List<CompletedPart> parts = new ArrayList<>();
    parts.add(uploadPart(key, uploadId, 1, first));
    parts.add(uploadPart(key, uploadId, 2, second));
    parts.add(uploadPart(key, uploadId, 3, last));
    assertThat(store.head(key)).isEmpty();
    store.completeMultipart(key, uploadId, parts);

    ObjectInfo info = store.head(key).orElseThrow();
    assertThat(info.size()).isEqualTo(first.length + second.length + last.length);
    try (ObjectContent content = store.getRange(key, first.length - 2, first.length + 1).orElseThrow()) {
      assertThat(content.stream().readAllBytes())
          .containsExactly(first[first.length - 2], first[first.length - 1], second[0], second[1]);
    }
    try (ObjectContent content = store.get(key).orElseThrow()) {
      byte[] all = content.stream().readAllBytes();
      assertThat(Arrays.copyOfRange(all, 2 * first.length, all.length)).isEqualTo(last);
    }
  }

  @Test
  void multipart_withSinglePart_mayBeSmall() throws IOException {
    String uploadId = store.startMultipart("one", "application/octet-stream");
    CompletedPart part = uploadPart("one", uploadId, 1, bytes("tiny"));

    store.completeMultipart("one", uploadId, List.of(part));

    assertThat(readText("one")).isEqualTo("tiny");
  }

  @Test
  void uploadPart_whenPartNumberRepeated_lastUploadWins() {
    String uploadId = store.startMultipart("k", "text/plain");
    uploadPart("k", uploadId, 1, bytes("old"));
    CompletedPart part = uploadPart("k", uploadId, 1, bytes("new"));

    store.completeMultipart("k", uploadId, List.of(part));

    assertThat(readText("k")).isEqualTo("new");
  }

  /**
   * S3 refuses a completion whose part ETag is not the stored part's (InvalidPart). Upload
   * sessions rely on it: when two requests race on one session and the loser overwrote a part
   * number, the winner's completion fails instead of assembling the loser's bytes.
   */
  @Test
  void completeMultipart_whenPartWasOverwrittenSinceItsETag_throwsStorageException() {
    String uploadId = store.startMultipart("k", "text/plain");
    CompletedPart first = uploadPart("k", uploadId, 1, bytes("winner"));
    uploadPart("k", uploadId, 1, bytes("loser!"));

    assertThatThrownBy(() -> store.completeMultipart("k", uploadId, List.of(first)))
        .isInstanceOf(StorageException.class);
    assertThat(store.head("k")).isEmpty();
  }

  @Test
  void abortMultipart_discardsUpload_andUnknownUploadIsSuccess() {
    String uploadId = store.startMultipart("k", "text/plain");
    CompletedPart part = uploadPart("k", uploadId, 1, bytes("data"));

    store.abortMultipart("k", uploadId);
    store.abortMultipart("k", uploadId);

    assertThat(store.head("k")).isEmpty();
    assertThatThrownBy(() -> store.completeMultipart("k", uploadId, List.of(part)))
        .isInstanceOf(StorageException.class);
  }

  /**
   * The sweeper of abandoned uploads finds open multipart uploads by prefix and pages on by key;
   * completed and aborted ones are not listed. {@code initiated} is to the second on S3 and
   * s3proxy, so it is checked within a window around the test's own clock.
   */
  @Test
  void listMultipart_listsOpenUploadsUnderThePrefix_inKeyOrder_pagedByKey() {
    Instant before = Instant.now().minusSeconds(5);
    String b = store.startMultipart("_uploads/b/data", "application/octet-stream");
    String a = store.startMultipart("_uploads/a/data", "application/octet-stream");
    store.startMultipart("elsewhere/x", "application/octet-stream");
    String done = store.startMultipart("_uploads/c/data", "application/octet-stream");
    store.completeMultipart("_uploads/c/data", done,
        List.of(uploadPart("_uploads/c/data", done, 1, bytes("done"))));
    String aborted = store.startMultipart("_uploads/d/data", "application/octet-stream");
    store.abortMultipart("_uploads/d/data", aborted);
    Instant after = Instant.now().plusSeconds(5);

    List<OpenMultipart> open = store.listMultipart(StorageLayout.UPLOADS_PREFIX, null, 10);

    assertThat(open).extracting(OpenMultipart::key)
        .containsExactly("_uploads/a/data", "_uploads/b/data");
    assertThat(open).extracting(OpenMultipart::uploadId).containsExactly(a, b);
    assertThat(open).allSatisfy(u -> assertThat(u.initiated()).isBetween(before, after));
    assertThat(store.listMultipart(StorageLayout.UPLOADS_PREFIX, null, 1))
        .extracting(OpenMultipart::uploadId).containsExactly(a);
    assertThat(store.listMultipart(StorageLayout.UPLOADS_PREFIX, "_uploads/a/data", 10))
        .extracting(OpenMultipart::uploadId).containsExactly(b);
    assertThat(store.listMultipart("nothing-here/", null, 10)).isEmpty();
  }

  @Test
  void listMultipart_whenMoreThanOnePage_listsEveryUpload() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String key = String.format("_uploads/s%02d/data", i);
      store.startMultipart(key, "application/octet-stream");
      keys.add(key);
    }
    List<String> listed = new ArrayList<>();
    String after = null;
    List<OpenMultipart> page;
    do {
      page = store.listMultipart(StorageLayout.UPLOADS_PREFIX, after, 5);
      assertThat(page.size()).isLessThanOrEqualTo(5);
      page.forEach(u -> listed.add(u.key()));
      after = page.isEmpty() ? after : page.get(page.size() - 1).key();
    } while (page.size() == 5);

    assertThat(listed).containsExactlyElementsOf(keys);
  }

  /**
   * Only completion is checked: S3 also refuses parts of an unknown upload, but s3proxy accepts
   * them, and Meridian relies on nothing beyond "an unknown upload never becomes an object".
   */
  @Test
  void completeMultipart_whenUploadIdUnknown_throwsStorageException() {
    assertThatThrownBy(
            () -> store.completeMultipart("k", "no-such-upload", List.of(new CompletedPart(1, "\"e\"", 1))))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void presignGet_isEmptyOrAUrlThatServesBytesAndRanges() throws IOException {
    putText("signed", "0123456789");

    Optional<URI> url = store.presignGet("signed", Duration.ofMinutes(5));

    if (url.isPresent()) {
      HttpURLConnection whole = (HttpURLConnection) url.get().toURL().openConnection();
      assertThat(whole.getResponseCode()).isEqualTo(200);
      try (InputStream in = whole.getInputStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
      }
      HttpURLConnection ranged = (HttpURLConnection) url.get().toURL().openConnection();
      ranged.setRequestProperty("Range", "bytes=2-4");
      assertThat(ranged.getResponseCode()).isEqualTo(206);
      try (InputStream in = ranged.getInputStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("234");
      }
    }
  }

  /**
   * Direct uploads (docs/uploads.md): a client PUTs parts to presigned UploadPart URLs, and the
   * registry learns what arrived from ListParts, then completes with the listed ETags.
   */
  @Test
  void presignUploadPart_thenPut_listPartsShowsThemAndCompletionAssembles() throws IOException {
    String key = StorageLayout.uploadData("direct-1");
    byte[] first = randomBytes((int) ObjectStore.MIN_PART_SIZE, 11);
    byte[] last = randomBytes(4321, 12);
    String uploadId = store.startMultipart(key, "application/octet-stream");

    URI one = store.presignUploadPart(key, uploadId, 1, Duration.ofMinutes(5)).orElseThrow();
    URI two = store.presignUploadPart(key, uploadId, 2, Duration.ofMinutes(5)).orElseThrow();
    assertThat(putPresigned(two, last)).isEqualTo(200);
    assertThat(putPresigned(one, first)).isEqualTo(200);

    List<CompletedPart> parts = store.listParts(key, uploadId);
    assertThat(parts).extracting(CompletedPart::partNumber).containsExactly(1, 2);
    assertThat(parts).extracting(CompletedPart::size)
        .containsExactly((long) first.length, (long) last.length);
    store.completeMultipart(key, uploadId, parts);
    try (ObjectContent content = store.get(key).orElseThrow()) {
      byte[] all = content.stream().readAllBytes();
      assertThat(all.length).isEqualTo(first.length + last.length);
      assertThat(Arrays.copyOfRange(all, first.length, all.length)).isEqualTo(last);
    }
  }

  /** Security: a presigned URL writes its own part only; changing what it names breaks it. */
  @Test
  void presignUploadPart_whenUrlIsAlteredToAnotherPart_isRefused() {
    String key = StorageLayout.uploadData("direct-2");
    String uploadId = store.startMultipart(key, "application/octet-stream");
    URI url = store.presignUploadPart(key, uploadId, 1, Duration.ofMinutes(5)).orElseThrow();

    URI altered = URI.create(url.toString().replace("partNumber=1", "partNumber=2"));
    assertThat(altered).isNotEqualTo(url);

    assertThat(putPresigned(altered, bytes("sneaky"))).isEqualTo(403);
    assertThat(store.listParts(key, uploadId)).isEmpty();
  }

  /**
   * S3 answers NoSuchUpload (a StorageException here); s3proxy lists no parts. Either way an
   * aborted upload shows nothing to complete, which is all the direct-upload path relies on (it
   * then looks for the assembled object itself).
   */
  /** Security: a presigned part URL stops working when its validity has passed. */
  @Test
  void presignUploadPart_whenExpired_isRefused() throws InterruptedException {
    String key = StorageLayout.uploadData("direct-3");
    String uploadId = store.startMultipart(key, "application/octet-stream");
    URI url = store.presignUploadPart(key, uploadId, 1, Duration.ofSeconds(1)).orElseThrow();

    expire(Duration.ofSeconds(2));

    assertThat(putPresigned(url, bytes("late"))).isEqualTo(403);
    assertThat(store.listParts(key, uploadId)).isEmpty();
  }

  /** Lets {@code d} pass for the store (a real wait by default; fakes move their clock). */
  protected void expire(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  @Test
  void listParts_whenUploadAborted_listsNothing() {
    String uploadId = store.startMultipart("k", "text/plain");
    uploadPart("k", uploadId, 1, bytes("gone"));
    store.abortMultipart("k", uploadId);

    List<CompletedPart> listed;
    try {
      listed = store.listParts("k", uploadId);
    } catch (StorageException e) {
      listed = List.of();
    }
    assertThat(listed).isEmpty();
  }

  /** Sends {@code body} as an HTTP PUT to a presigned URL; returns the status. */
  protected int putPresigned(URI url, byte[] body) {
    try {
      HttpURLConnection put = (HttpURLConnection) url.toURL().openConnection();
      put.setRequestMethod("PUT");
      put.setDoOutput(true);
      put.setFixedLengthStreamingMode(body.length);
      try (var out = put.getOutputStream()) {
        out.write(body);
      }
      return put.getResponseCode();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // --- helpers ---

  private CompletedPart uploadPart(String key, String uploadId, int number, byte[] bytes) {
    String eTag = store.uploadPart(key, uploadId, number, oneShot(bytes), bytes.length);
    assertThat(eTag).isNotBlank();
    return new CompletedPart(number, eTag, bytes.length);
  }

  /** A stream that, like a request body, can be read once and cannot mark or reset. */
  protected static InputStream oneShot(byte[] bytes) {
    return new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public boolean markSupported() {
        return false;
      }

      @Override
      public synchronized void mark(int limit) {}

      @Override
      public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
      }
    };
  }

  protected void putText(String key, String text) {
    byte[] b = bytes(text);
    store.put(key, new ByteArrayInputStream(b), b.length, "text/plain");
  }

  protected String readText(String key) {
    return readTextFrom(store, key);
  }

  protected static String readTextFrom(ObjectStore from, String key) {
    try (ObjectContent content = from.get(key).orElseThrow()) {
      return new String(content.stream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}

package dev.meridian.local.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * A one-part CompleteMultipartUpload through {@link LinkingCopyBlobStore} stores what s3proxy's
 * own completion stores: same bytes, ETag, content headers, user metadata, listing entry, and no
 * upload left behind. Each case completes the same upload twice, once through s3proxy alone and
 * once through the wrapper, and compares.
 */
class SinglePartCompletionTest {

  @TempDir
  Path dir;

  static Stream<String> backends() {
    return Stream.of("disk", "memory");
  }

  private BlobStore plain(String backend, String name) throws Exception {
    if (backend.equals("memory")) {
      return new TransientNio2BlobStore();
    }
    Path root = Files.createDirectories(dir.resolve(name));
    return new FilesystemNio2BlobStore(root.toString());
  }

  private BlobStore linking(String backend) throws Exception {
    AbstractNio2BlobStore files = (AbstractNio2BlobStore) plain(backend, "linking");
    return LinkingCopyBlobStore.wrap(files, LinkingCopyBlobStore.rootOf(files));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void completeMultipartUpload_whenOnePart_storesWhatS3ProxyStores(String backend)
      throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    CreateMultipartUploadRequest start = CreateMultipartUploadRequest.builder()
        .bucket("b").key("_uploads/abc/data").contentType("application/octet-stream")
        .cacheControl("no-cache").expires(Instant.ofEpochMilli(1_800_000_000_000L))
        .metadata(Map.of("session", "s1", "digest", "sha256:00")).build();

    BlobStore reference = plain(backend, "reference");
    BlobStore linking = linking(backend);
    assertThat(linking).isInstanceOf(LinkingCopyBlobStore.class);
    CompleteMultipartUploadResponse expected = upload(reference, start, content);
    CompleteMultipartUploadResponse actual = upload(linking, start, content);

    assertThat(actual.eTag()).isEqualTo(expected.eTag()).endsWith("-1\"");
    HeadObjectResponse want = reference.blobMetadata("b", start.key());
    HeadObjectResponse got = linking.blobMetadata("b", start.key());
    assertThat(got.eTag()).isEqualTo(want.eTag());
    assertThat(got.contentLength()).isEqualTo(want.contentLength()).isEqualTo(content.length);
    assertThat(got.contentType()).isEqualTo(want.contentType());
    assertThat(got.cacheControl()).isEqualTo(want.cacheControl());
    assertThat(got.expires()).isEqualTo(want.expires());
    assertThat(got.metadata()).isEqualTo(want.metadata()).containsEntry("session", "s1");
    assertThat(got.storageClass()).isEqualTo(want.storageClass());
    try (InputStream in = linking.getBlob("b", start.key())) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(linking.getBlobAccess("b", start.key()))
        .isEqualTo(reference.getBlobAccess("b", start.key()));
    assertThat(listing(linking)).isEqualTo(listing(reference));
    assertThat(linking.listMultipartUploads("b")).isEmpty();
    assertThat(reference.listMultipartUploads("b")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void completeMultipartUpload_whenOnePartOnDisk_renamesThePartInsteadOfCopying() throws Exception {
    BlobStore linking = linking("disk");
    linking.createContainer("b");
    MultipartUpload upload = linking.initiateMultipartUpload(
        CreateMultipartUploadRequest.builder().bucket("b").key("a/k").build());
    String eTag = part(linking, upload, 1, new byte[] {1, 2, 3});
    Path bucket = dir.resolve("linking").resolve("b");
    Object partFile = Files.getAttribute(
        bucket.resolve(AbstractNio2BlobStore.multipartPartName(upload.id(), "a/k", 1)),
        "unix:ino");

    linking.completeMultipartUpload(upload, completion(upload, 1, eTag));

    assertThat(Files.getAttribute(bucket.resolve("a/k"), "unix:ino")).isEqualTo(partFile);
    try (Stream<Path> files = Files.walk(bucket)) {
      assertThat(files.filter(Files::isRegularFile)).containsExactly(bucket.resolve("a/k"));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void completeMultipartUpload_whenCompletedTwice_failsTheSecondAsS3ProxyDoes(String backend)
      throws Exception {
    BlobStore linking = linking(backend);
    linking.createContainer("b");
    MultipartUpload upload = linking.initiateMultipartUpload(
        CreateMultipartUploadRequest.builder().bucket("b").key("k").build());
    String eTag = part(linking, upload, 1, new byte[] {1, 2, 3});
    CompleteMultipartUploadRequest complete = completion(upload, 1, eTag);
    linking.completeMultipartUpload(upload, complete);

    assertThatThrownBy(() -> linking.completeMultipartUpload(upload, complete))
        .isInstanceOf(RuntimeException.class);
    try (InputStream in = linking.getBlob("b", "k")) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void completeMultipartUpload_whenTwoParts_concatenatesThroughS3Proxy(String backend)
      throws Exception {
    BlobStore linking = linking(backend);
    linking.createContainer("b");
    MultipartUpload upload = linking.initiateMultipartUpload(
        CreateMultipartUploadRequest.builder().bucket("b").key("k").build());
    byte[] first = new byte[5 * 1024 * 1024];
    String one = part(linking, upload, 1, first);
    String two = part(linking, upload, 2, new byte[] {9});
    linking.completeMultipartUpload(upload, CompleteMultipartUploadRequest.builder()
        .bucket("b").key("k").uploadId(upload.id())
        .multipartUpload(m -> m.parts(
            CompletedPart.builder().partNumber(1).eTag(one).build(),
            CompletedPart.builder().partNumber(2).eTag(two).build()))
        .build());

    assertThat(linking.blobMetadata("b", "k").contentLength()).isEqualTo(first.length + 1L);
    assertThat(linking.blobMetadata("b", "k").eTag()).endsWith("-2\"");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void completeMultipartUpload_whenIfNoneMatchAndKeyExists_leavesItToS3Proxy(String backend)
      throws Exception {
    BlobStore linking = linking(backend);
    linking.createContainer("b");
    for (byte value : new byte[] {1, 2}) {
      MultipartUpload upload = linking.initiateMultipartUpload(
          CreateMultipartUploadRequest.builder().bucket("b").key("k").build());
      String eTag = part(linking, upload, 1, new byte[] {value});
      CompleteMultipartUploadRequest complete =
          completion(upload, 1, eTag).toBuilder().ifNoneMatch("*").build();
      if (value == 1) {
        linking.completeMultipartUpload(upload, complete);
      } else {
        assertThatThrownBy(() -> linking.completeMultipartUpload(upload, complete))
            .isInstanceOf(RuntimeException.class);
      }
    }
    try (InputStream in = linking.getBlob("b", "k")) {
      assertThat(in.readAllBytes()).containsExactly(1);
    }
  }

  private static CompleteMultipartUploadResponse upload(BlobStore store,
      CreateMultipartUploadRequest start, byte[] content) {
    store.createContainer("b");
    MultipartUpload upload = store.initiateMultipartUpload(start);
    String eTag = part(store, upload, 1, content);
    return store.completeMultipartUpload(upload, completion(upload, 1, eTag));
  }

  private static String part(BlobStore store, MultipartUpload upload, int number, byte[] bytes) {
    return store.uploadMultipartPart(upload, UploadPartRequest.builder()
        .bucket(upload.containerName()).key(upload.blobName()).uploadId(upload.id())
        .partNumber(number).contentLength((long) bytes.length).build(),
        new ByteArrayInputStream(bytes)).eTag();
  }

  private static CompleteMultipartUploadRequest completion(MultipartUpload upload, int number,
      String eTag) {
    return CompleteMultipartUploadRequest.builder()
        .bucket(upload.containerName()).key(upload.blobName()).uploadId(upload.id())
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(number).eTag(eTag).build()))
        .build();
  }

  private static List<String> listing(BlobStore store) {
    return store.list(ListObjectsV2Request.builder().bucket("b").build()).contents().stream()
        .map(S3Object::toString).map(s -> s.replaceAll("LastModified=[^,)]*", ""))
        .toList();
  }
}

package dev.meridian.local.storage;

import static dev.meridian.local.storage.MultipartCalls.completion;
import static dev.meridian.local.storage.MultipartCalls.part;
import static dev.meridian.local.storage.MultipartCalls.random;
import static dev.meridian.local.storage.MultipartCalls.request;
import static dev.meridian.local.storage.MultipartCalls.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.local.runtime.FreePorts;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Parts stored by {@link PartFiles} behave as s3proxy's own: listed with their size and ETag,
 * completed in one part (rename) or several (s3proxy's concatenation) into the same object, and
 * a completion naming another part's ETag is refused. Only the ETag's value differs: not an MD5.
 */
class PartFilesTest {

  @TempDir
  Path dir;

  private BlobStore store() throws Exception {
    Path root = Files.createDirectories(dir.resolve("store"));
    AbstractNio2BlobStore files = new FilesystemNio2BlobStore(root.toString());
    Path reachable = LinkingCopyBlobStore.rootOf(files);
    BlobStore store = new BlockIoBlobStore(LinkingCopyBlobStore.wrap(files, reachable),
        new PartFiles(reachable, FileSync.DATA));
    store.createContainer("b");
    return store;
  }

  @Test
  void uploadMultipartPart_storesThePartWhereS3ProxyLooks_withAnETagOfItsBytes()
      throws Exception {
    BlobStore store = store();
    MultipartUpload upload = start(store, "_uploads/s1/data");
    byte[] bytes = random(3 * 1024 * 1024 + 5, 1);

    String eTag = part(store, upload, 1, bytes);

    Path file = dir.resolve("store/b").resolve(
        AbstractNio2BlobStore.multipartPartName(upload.id(), "_uploads/s1/data", 1));
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    assertThat(Files.getPosixFilePermissions(file))
        .doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    assertThat(store.listMultipartUpload(upload)).singleElement().satisfies(p -> {
      assertThat(p.partNumber()).isEqualTo(1);
      assertThat(p.size()).isEqualTo(bytes.length);
      assertThat(p.eTag()).isEqualTo(eTag);
    });
    // The same bytes give the same ETag, one byte more or different another.
    MultipartUpload other = start(store, "_uploads/s2/data");
    assertThat(part(store, other, 1, bytes)).isEqualTo(eTag);
    bytes[7]++;
    assertThat(part(store, other, 2, bytes)).isNotEqualTo(eTag);
    assertThat(part(store, other, 3, java.util.Arrays.copyOf(bytes, bytes.length + 1)))
        .isNotEqualTo(eTag);
  }

  @Test
  void completeMultipartUpload_whenOnePart_makesTheObjectOfItsBytes() throws Exception {
    BlobStore store = store();
    MultipartUpload upload = start(store, "k1");
    byte[] bytes = random(1024 * 1024, 2);

    store.completeMultipartUpload(upload, completion(upload, List.of(part(store, upload, 1,
        bytes))));

    assertThat(read(store, "k1")).isEqualTo(bytes);
    assertThat(store.blobMetadata("b", "k1").eTag()).endsWith("-1\"");
    assertThat(store.listMultipartUploads("b")).isEmpty();
  }

  @Test
  void completeMultipartUpload_whenSeveralParts_concatenatesThemThroughS3Proxy()
      throws Exception {
    BlobStore store = store();
    MultipartUpload upload = start(store, "k2");
    byte[] first = random(5 * 1024 * 1024, 3);
    byte[] second = random(777, 4);

    store.completeMultipartUpload(upload, completion(upload,
        List.of(part(store, upload, 1, first), part(store, upload, 2, second))));

    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertThat(read(store, "k2")).isEqualTo(both);
    assertThat(store.blobMetadata("b", "k2").eTag()).endsWith("-2\"");
  }

  @Test
  void completeMultipartUpload_overHttp_refusesAPartETagThatIsNotTheStoredPartsOwn()
      throws Exception {
    // s3proxy checks listed ETags in its HTTP handler (InvalidPart), so this goes through the
    // runtime's S3 server with the SDK, as UploadFinisher relies on.
    try (S3Server server = S3Server.start(Files.createDirectories(dir.resolve("http")),
        FreePorts.pick(), "partfiles",
        "partfiles-secret", java.util.function.UnaryOperator.identity())) {
      software.amazon.awssdk.services.s3.S3Client s3 = dev.meridian.aws.AwsClients.s3(
          dev.meridian.aws.AwsConnection.local(server.endpoint(), "us-east-1", "partfiles",
              "partfiles-secret"));
      s3.createBucket(r -> r.bucket("parts"));
      dev.meridian.aws.s3.S3ObjectStore objects =
          new dev.meridian.aws.s3.S3ObjectStore(s3, null, "parts");
      String id = objects.startMultipart("k3", "application/octet-stream");
      byte[] first = random(5 * 1024 * 1024, 5);
      String stale = objects.uploadPart("k3", id, 1, new ByteArrayInputStream(first),
          first.length);
      byte[] again = random(5 * 1024 * 1024, 6);
      String fresh = objects.uploadPart("k3", id, 1, new ByteArrayInputStream(again),
          again.length);
      String last = objects.uploadPart("k3", id, 2, new ByteArrayInputStream(new byte[] {1}), 1);

      assertThat(fresh).isNotEqualTo(stale);
      assertThat(fresh.replace("\"", "")).as("stored by PartFiles: not an MD5").isNotEqualTo(
          java.util.HexFormat.of().formatHex(
              java.security.MessageDigest.getInstance("MD5").digest(again)));
      assertThatThrownBy(() -> objects.completeMultipart("k3", id, List.of(
          new dev.meridian.core.storage.CompletedPart(1, stale, first.length),
          new dev.meridian.core.storage.CompletedPart(2, last, 1))))
          .isInstanceOf(dev.meridian.core.storage.StorageException.class);
      objects.completeMultipart("k3", id, List.of(
          new dev.meridian.core.storage.CompletedPart(1, fresh, again.length),
          new dev.meridian.core.storage.CompletedPart(2, last, 1)));
      try (var content = objects.get("k3").orElseThrow()) {
        assertThat(content.length()).isEqualTo(again.length + 1L);
        assertThat(content.stream().readNBytes(16)).isEqualTo(java.util.Arrays.copyOf(again, 16));
      }
    }
  }

  @Test
  void uploadMultipartPart_whenTheBodyEndsEarly_failsAndLeavesNoPart() throws Exception {
    BlobStore store = store();
    MultipartUpload upload = start(store, "k4");

    assertThatThrownBy(() -> store.uploadMultipartPart(upload, request(upload, 1, 1000),
        new ByteArrayInputStream(new byte[400]))).isInstanceOf(RuntimeException.class);

    assertThat(store.listMultipartUpload(upload)).isEmpty();
    try (Stream<Path> files = Files.walk(dir.resolve("store/b"))) {
      assertThat(files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith("k4-")
              || p.toString().contains("-" + upload.id() + "-k4-1"))).isEmpty();
    }
  }

  @Test
  void uploadMultipartPart_whenTheClientSendsContentMd5_leavesItToS3Proxy() throws Exception {
    BlobStore store = store();
    MultipartUpload upload = start(store, "k5");
    byte[] bytes = random(4096, 8);
    byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(bytes);

    String eTag = store.uploadMultipartPart(upload, request(upload, 1, bytes.length).toBuilder()
        .contentMD5(Base64.getEncoder().encodeToString(md5)).build(),
        new ByteArrayInputStream(bytes)).eTag();

    assertThat(eTag.replace("\"", "")).isEqualTo(java.util.HexFormat.of().formatHex(md5));
  }

  private static byte[] read(BlobStore store, String key) throws Exception {
    try (InputStream in = store.getBlob("b", key)) {
      return in.readAllBytes();
    }
  }
}

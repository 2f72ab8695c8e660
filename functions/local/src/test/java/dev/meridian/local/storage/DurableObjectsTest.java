package dev.meridian.local.storage;

import static dev.meridian.local.storage.MultipartCalls.completion;
import static dev.meridian.local.storage.MultipartCalls.part;
import static dev.meridian.local.storage.MultipartCalls.random;
import static dev.meridian.local.storage.MultipartCalls.request;
import static dev.meridian.local.storage.MultipartCalls.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Every way an object's bytes are written on disk ends with a sync that saw exactly those bytes,
 * before the store answers: puts, parts (PartFiles' and s3proxy's), completions and copies. The
 * store is composed as {@link S3Server} composes it.
 */
class DurableObjectsTest {

  @TempDir
  Path dir;

  private final RecordingSync sync = new RecordingSync();

  private BlobStore store(FileSync using) throws Exception {
    Path root = Files.createDirectories(dir.resolve("store"));
    AbstractNio2BlobStore files = new FilesystemNio2BlobStore(root.toString());
    Path reachable = LinkingCopyBlobStore.rootOf(files);
    BlobStore store = new BlockIoBlobStore(
        DurableObjects.wrap(LinkingCopyBlobStore.wrap(files, reachable), reachable, using),
        new PartFiles(reachable, using));
    store.createContainer("b");
    return store;
  }

  @Test
  void putBlob_syncsTheObjectsBytesBeforeAnswering() throws Exception {
    BlobStore store = store(sync);
    byte[] bytes = random(300_000, 1);

    store.putBlob(PutObjectRequest.builder().bucket("b").key("blobs/sha256/aa")
        .contentLength((long) bytes.length).build(), new ByteArrayInputStream(bytes));

    assertThat(sync.calls).extracting(RecordingSync.Forced::sha256)
        .containsExactly(RecordingSync.sha256(bytes));
  }

  @Test
  void uploadMultipartPart_syncsThePart_whicheverStoreWritesIt() throws Exception {
    BlobStore store = store(sync);
    MultipartUpload upload = start(store, "_uploads/s1/data");
    byte[] plain = random(2 * 1024 * 1024 + 3, 2);
    byte[] withMd5 = random(4096, 3);

    store.uploadMultipartPart(upload, request(upload, 1, plain.length),
        new ByteArrayInputStream(plain)); // PartFiles
    store.uploadMultipartPart(upload, request(upload, 2, withMd5.length).toBuilder()
        .contentMD5(Base64.getEncoder().encodeToString(
            java.security.MessageDigest.getInstance("MD5").digest(withMd5))).build(),
        new ByteArrayInputStream(withMd5)); // s3proxy's own

    assertThat(sync.calls).extracting(RecordingSync.Forced::sha256)
        .containsExactly(RecordingSync.sha256(plain), RecordingSync.sha256(withMd5));
  }

  @Test
  void completeMultipartUpload_syncsTheConcatenatedObject() throws Exception {
    BlobStore store = store(sync);
    MultipartUpload upload = start(store, "blobs/sha256/bb");
    byte[] first = random(5 * 1024 * 1024, 4);
    byte[] second = random(1000, 5);
    String one = part(store, upload, 1, first);
    String two = part(store, upload, 2, second);
    sync.calls.clear();

    store.completeMultipartUpload(upload, completion(upload, List.of(one, two)));

    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertThat(sync.calls).extracting(RecordingSync.Forced::sha256)
        .containsExactly(RecordingSync.sha256(both));
  }

  @Test
  void copyBlob_syncsTheTarget() throws Exception {
    BlobStore store = store(sync);
    store.createContainer("peer");
    byte[] bytes = random(70_000, 6);
    store.putBlob(PutObjectRequest.builder().bucket("b").key("blobs/sha256/cc")
        .contentLength((long) bytes.length).build(), new ByteArrayInputStream(bytes));
    sync.calls.clear();

    store.copyBlob(CopyObjectRequest.builder().sourceBucket("b").sourceKey("blobs/sha256/cc")
        .destinationBucket("peer").destinationKey("blobs/sha256/cc").build());

    assertThat(sync.calls).extracting(RecordingSync.Forced::sha256)
        .containsExactly(RecordingSync.sha256(bytes));
  }

  @Test
  void putBlob_whenTheSyncFails_answersInternalError() throws Exception {
    BlobStore store = store(channel -> {
      throw new IOException("EIO from the device");
    });

    assertThatThrownBy(() -> store.putBlob(PutObjectRequest.builder().bucket("b").key("k")
        .contentLength(3L).build(), new ByteArrayInputStream(new byte[] {1, 2, 3})))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(500);
          assertThat(e.getMessage()).contains("InternalError");
        });
  }

  @Test
  void wrap_leavesAStoreInMemoryOrUnreachableAsItIs() {
    AbstractNio2BlobStore memory = new TransientNio2BlobStore();
    Path root = LinkingCopyBlobStore.rootOf(memory);

    assertThat(root).isNotNull();
    assertThat(DurableObjects.wrap(memory, root, sync)).isSameAs(memory);
    assertThat(DurableObjects.wrap(memory, null, sync)).isSameAs(memory);
  }
}

package dev.meridian.local.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * s3proxy's file store with every written object on the disk before S3 answers, as S3 itself
 * promises for a 200.
 *
 * <p>Why. s3proxy 4.1.0 never syncs a file, so an acknowledged blob lived in the page cache until
 * the kernel wrote it back (up to 30 s later). DynamoDB Local's table does reach the disk
 * ({@code runtime.SqliteCommitMode}: at its WAL checkpoints), so after a power cut the index could name
 * a blob whose file had lost its bytes, and the registry would serve a corrupt layer under a
 * digest it had verified. With the bytes synced before the answer, and the index written only
 * after the answer, whatever the index names is on the disk. docker-registry does the same: its
 * filesystem driver syncs each file as it closes it (72 {@code fsync} calls per push of a
 * 1+16+256 MiB image, {@code strace}).
 *
 * <p>A side effect measured in the benchmark: the unsynced bytes were written back later, while
 * the next push ran, and an {@code fsync} of skopeo's own (its blob-info cache, after each blob)
 * then waited behind them for 130–420 ms (bench/notes.md).
 *
 * <p>Covered here: object puts, parts s3proxy stores itself, completions and copies (a sync of a
 * renamed or linked file whose bytes were already synced finds nothing to write). Parts stored by
 * {@link PartFiles} are flushed while they arrive ({@link WriteBehind}).
 */
final class DurableObjects extends ForwardingBlobStore {

  private static final Logger LOG = LoggerFactory.getLogger(DurableObjects.class);

  private final Path root;
  private final FileSync sync;

  private DurableObjects(BlobStore delegate, Path root, FileSync sync) {
    super(delegate);
    this.root = root;
    this.sync = sync;
  }

  /**
   * Wraps {@code store} when its files are on the disk under {@code root}; returns it as is when
   * they cannot be reached (null) or live in memory (the in-memory store of {@code --ephemeral}).
   */
  static BlobStore wrap(BlobStore store, Path root, FileSync sync) {
    if (root == null || root.getFileSystem() != FileSystems.getDefault()) {
      return store;
    }
    return new DurableObjects(store, root, sync);
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
    PutObjectResponse response = super.putBlob(request, payload);
    flush(request.bucket(), request.key());
    return response;
  }

  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
      InputStream payload) {
    UploadPartResponse response = super.uploadMultipartPart(upload, request, payload);
    flush(upload.containerName(), AbstractNio2BlobStore.multipartPartName(upload.id(),
        upload.blobName(), request.partNumber()));
    return response;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
      CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
    flush(upload.containerName(), upload.blobName());
    return response;
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    CopyObjectResponse response = super.copyBlob(request);
    flush(request.destinationBucket(), request.destinationKey());
    return response;
  }

  /** Syncs the object's file; a failure is S3's 500, since the bytes may not be on the disk. */
  private void flush(String bucket, String key) {
    Path file = ObjectFiles.inside(root, bucket, key);
    if (file == null || !Files.isRegularFile(file)) {
      return; // a directory marker, or a name s3proxy keeps elsewhere: nothing of ours to sync
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      sync.force(channel);
    } catch (IOException e) {
      LOG.error("object {}/{} written but not synced to the disk", bucket, key, e);
      throw S3Exception.builder().statusCode(500)
          .message("InternalError: the object could not be synced to the disk").build();
    }
  }
}

package dev.meridian.local.replication;

import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * s3proxy's blob store with S3's ObjectCreated notifications (docs/architecture.md "Measured
 * facts"). s3proxy 4.1.0's handler (read from its bytecode) calls {@code putBlob} for PutObject and
 * POST uploads, and also for the {@code .s3proxy-mpu-stub-*} marker of CreateMultipartUpload;
 * {@code copyBlob} for CopyObject (between any two buckets: one store holds every region's bucket);
 * {@code completeMultipartUpload} for CompleteMultipartUpload; UploadPartCopy goes through {@code
 * uploadMultipartPart} and notifies nothing until completion, as on S3. Stubs and {@code
 * _uploads/} (never replicated) emit nothing.
 *
 * <p>Emission happens after the write succeeded and only hands JSON to the sink, which must not
 * block (delivery is asynchronous). A bucket {@code down} refuses writes with 503, which is how
 * the fault mode takes a region's storage away while its peers keep fanning out to it.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {

  /** Receives one S3 event JSON for a bucket. */
  public interface Sink {
    void notify(String bucket, String eventJson);
  }

  private static final String MPU_STUB = ".s3proxy-mpu-stub-";
  private final Sink sink;
  private final Predicate<String> down;
  private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);

  public NotifyingBlobStore(BlobStore delegate, Sink sink, Predicate<String> down) {
    super(delegate);
    this.sink = sink;
    this.down = down;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
    refuseIfDown(request.bucket());
    PutObjectResponse response = super.putBlob(request, content);
    emit("ObjectCreated:Put", request.bucket(), request.key());
    return response;
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    refuseIfDown(request.destinationBucket());
    CopyObjectResponse response = super.copyBlob(request);
    emit("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
    return response;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
      CompleteMultipartUploadRequest request) {
    refuseIfDown(request.bucket());
    CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
    emit("ObjectCreated:CompleteMultipartUpload", request.bucket(), request.key());
    return response;
  }

  private void refuseIfDown(String bucket) {
    if (down.test(bucket)) {
      throw (S3Exception) S3Exception.builder().statusCode(503)
          .message("bucket " + bucket + " is down (fault mode)").build();
    }
  }

  private void emit(String eventName, String bucket, String key) {
    if (key.contains(MPU_STUB) || key.startsWith("_uploads/")) {
      return;
    }
    // Size and ETag as stored (a chunked PUT has no Content-Length in its request).
    HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
    long size = head == null || head.contentLength() == null ? -1 : head.contentLength();
    String eTag = head == null ? null : head.eTag();
    sink.notify(bucket, S3EventJson.objectCreated(eventName, bucket, key, size, eTag,
        String.format("%016X", sequencer.incrementAndGet()), Instant.now()));
  }
}

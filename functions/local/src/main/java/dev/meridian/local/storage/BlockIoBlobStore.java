package dev.meridian.local.storage;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * s3proxy's file-backed stores with their file I/O in whole blocks: the bytes and the S3
 * semantics are s3proxy's own; only how many system calls carry them changes.
 *
 * <p>Writes. s3proxy 4.1.0 stores a body with {@code InputStream.transferTo}: it reads up to 8 KiB
 * from the request and writes what it got to the file. A request body arrives in whatever pieces
 * the socket delivers, so most writes started and ended inside a 4 KiB page, and ext4 zeroed the
 * rest of each new page before copying into it ({@code ext4_block_write_begin →
 * zero_user_segments}: 7.6% of the JVM's CPU samples while skopeo pushed a 256 MiB layer, perf,
 * 2026-12-06). {@link WholeReads} makes every read but the last return the full 8 KiB asked for,
 * so every write covers whole pages. A plain multipart part (every layer pushed in one PATCH)
 * is stored by {@link PartFiles} instead: 64 KiB writes and no MD5.
 *
 * <p>Reads. A GET streamed the file in 8 KiB reads, one system call each; a buffer of up to
 * {@value #READ_BUFFER} bytes reads it in 1 MiB calls (bench/notes.md has the measurements).
 */
final class BlockIoBlobStore extends ForwardingBlobStore {

  static final int READ_BUFFER = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(BlockIoBlobStore.class);

  private final PartFiles parts; // null: s3proxy stores parts itself

  BlockIoBlobStore(BlobStore delegate, PartFiles parts) {
    super(delegate);
    this.parts = parts;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
    return super.putBlob(request, new WholeReads(payload));
  }

  /** A plain part goes to {@link PartFiles} (64 KiB writes, no MD5); any other to s3proxy. */
  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload mpu, UploadPartRequest request,
      InputStream payload) {
    if (parts != null && PartFiles.handles(mpu, request)) {
      try {
        UploadPartResponse stored = parts.store(mpu, request, payload);
        if (stored != null) {
          return stored;
        }
      } catch (IOException e) {
        LOG.debug("part {} of {} not stored: {}", request.partNumber(), mpu.blobName(), e.toString());
        throw S3Exception.builder().statusCode(400).message("IncompleteBody: " + e.getMessage())
            .build();
      }
    }
    return super.uploadMultipartPart(mpu, request, new WholeReads(payload));
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    ResponseInputStream<GetObjectResponse> blob = super.getBlob(request);
    Long length = blob.response().contentLength();
    if (length == null || length <= 8192) {
      return blob; // one read carries it anyway
    }
    int size = (int) Math.min(length, READ_BUFFER);
    return new ResponseInputStream<>(blob.response(), new BufferedInputStream(blob, size));
  }

  /**
   * Each read returns as many bytes as asked for, unless the stream ends first: pieces of a
   * socket's stream become whole, equal blocks.
   */
  static final class WholeReads extends FilterInputStream {

    WholeReads(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      // A loop of our own: some streams' readNBytes is a single read.
      int filled = 0;
      while (filled < len) {
        int n = in.read(b, off + filled, len - filled);
        if (n < 0) {
          return filled == 0 ? -1 : filled;
        }
        filled += n;
      }
      return filled;
    }

    @Override
    public long skip(long n) throws IOException {
      return in.skip(n);
    }
  }
}

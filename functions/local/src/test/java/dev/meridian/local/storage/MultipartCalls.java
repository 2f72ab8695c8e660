package dev.meridian.local.storage;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** Multipart calls on an s3proxy {@link BlobStore} in bucket "b", as the store tests make them. */
final class MultipartCalls {

  private MultipartCalls() {}

  static MultipartUpload start(BlobStore store, String key) {
    return store.initiateMultipartUpload(
        CreateMultipartUploadRequest.builder().bucket("b").key(key).build());
  }

  static UploadPartRequest request(MultipartUpload upload, int number, long length) {
    return UploadPartRequest.builder().bucket(upload.containerName()).key(upload.blobName())
        .uploadId(upload.id()).partNumber(number).contentLength(length).build();
  }

  /** Uploads {@code bytes} as part {@code number}; returns its ETag. */
  static String part(BlobStore store, MultipartUpload upload, int number, byte[] bytes) {
    return store.uploadMultipartPart(upload, request(upload, number, bytes.length),
        new ByteArrayInputStream(bytes)).eTag();
  }

  /** Completes with parts 1..n carrying {@code eTags} in order. */
  static CompleteMultipartUploadRequest completion(MultipartUpload upload, List<String> eTags) {
    CompletedPart[] parts = new CompletedPart[eTags.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = CompletedPart.builder().partNumber(i + 1).eTag(eTags.get(i)).build();
    }
    return CompleteMultipartUploadRequest.builder().bucket(upload.containerName())
        .key(upload.blobName()).uploadId(upload.id())
        .multipartUpload(m -> m.parts(parts)).build();
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}

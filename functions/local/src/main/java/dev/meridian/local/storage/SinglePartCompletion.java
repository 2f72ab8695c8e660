package dev.meridian.local.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * CompleteMultipartUpload of a one-part upload as a rename of the part's file.
 *
 * <p>s3proxy 4.1.0 completes every upload by copying its parts into a new file
 * ({@code AbstractNio2BlobStore.concatenate}), so a 256 MiB layer pushed in one PATCH was read
 * and written once more on the closing PUT. With one part the object's bytes are the part's bytes,
 * so this renames the part file to the key and writes the same attributes s3proxy's completion
 * writes (read from its 4.1.0 byte code): {@code user.content-md5} = the multipart ETag
 * {@code "<md5 of the part's MD5>-1"} as ASCII with quotes, the upload's content headers,
 * {@code user.expires}, {@code user.storage-tier} (STANDARD unless given) and
 * {@code user.user-metadata.*}; the part's own attributes are dropped first. Then the canned ACL
 * (private unless given) and the removal of the upload's stub, as s3proxy does.
 *
 * <p>Only the plain case is handled: no conditions, no encryption (request or bucket default), no
 * versioned bucket, exactly one part that exists. Anything else, or any failure before the rename
 * onto the key, returns null with the part restored, and s3proxy completes the upload itself.
 */
final class SinglePartCompletion {

  private static final String CONTENT_MD5 = "user.content-md5";
  private static final String USER_METADATA = "user.user-metadata.";

  private final BlobStore store;
  private final Path root;

  SinglePartCompletion(BlobStore store, Path root) {
    this.store = store;
    this.root = root;
  }

  /** Completes {@code upload} by renaming its only part; null when s3proxy has to do it. */
  CompleteMultipartUploadResponse complete(MultipartUpload upload,
      CompleteMultipartUploadRequest request) throws IOException {
    if (!plain(upload, request)) {
      return null;
    }
    String bucket = upload.containerName();
    String key = upload.blobName();
    int partNumber = request.multipartUpload().parts().get(0).partNumber();
    String partName = AbstractNio2BlobStore.multipartPartName(upload.id(), key, partNumber);
    Path part = ObjectFiles.inside(root, bucket, partName);
    Path target = ObjectFiles.inside(root, bucket, key);
    if (part == null || target == null || !Files.isRegularFile(part)) {
      return null; // missing part: s3proxy answers InvalidPart
    }
    HeadObjectResponse partHead = store.blobMetadata(bucket, partName);
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(part, UserDefinedFileAttributeView.class);
    if (partHead == null || partHead.eTag() == null || view == null) {
      return null;
    }
    String eTag = multipartETag(partHead.eTag());
    Path temporary = target.resolveSibling(target.getFileName() + "-" + UUID.randomUUID());
    Files.createDirectories(target.getParent());
    Map<String, byte[]> original = read(view);
    Files.move(part, temporary, StandardCopyOption.ATOMIC_MOVE);
    try {
      UserDefinedFileAttributeView moved =
          Files.getFileAttributeView(temporary, UserDefinedFileAttributeView.class);
      replace(moved, attributes(upload.request(), eTag));
      Files.setLastModifiedTime(temporary, FileTime.from(Instant.now()));
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      restore(temporary, part, original);
      throw e;
    }
    store.abortMultipartUpload(upload); // removes the stub (and any parts not completed)
    ObjectCannedACL acl = upload.request().acl();
    store.setBlobAccess(bucket, key, acl == null ? ObjectCannedACL.PRIVATE : acl);
    return CompleteMultipartUploadResponse.builder().eTag(eTag).build();
  }

  private boolean plain(MultipartUpload upload, CompleteMultipartUploadRequest request) {
    CreateMultipartUploadRequest start = upload.request();
    List<CompletedPart> parts =
        request.multipartUpload() == null ? List.of() : request.multipartUpload().parts();
    return parts.size() == 1 && parts.get(0).partNumber() != null
        && request.ifMatch() == null && request.ifNoneMatch() == null
        && request.sseCustomerAlgorithm() == null && request.sseCustomerKey() == null
        && start.serverSideEncryption() == null && start.ssekmsKeyId() == null
        && start.sseCustomerAlgorithm() == null && start.bucketKeyEnabled() == null
        && !upload.blobName().endsWith("/")
        && !(store.supportsVersioning() && store.getBucketVersioning(upload.containerName()) != null)
        && !bucketEncrypted(upload.containerName());
  }

  private boolean bucketEncrypted(String bucket) {
    if (!store.supportsBucketEncryption()) {
      return false;
    }
    try {
      return store.getBucketEncryption(bucket) != null;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) { // ServerSideEncryptionConfigurationNotFoundError
        return false;
      }
      throw e;
    }
  }

  /** s3proxy's multipart ETag: MD5 over the parts' binary MD5s, then "-" and the part count. */
  static String multipartETag(String partETag) {
    String hex = partETag.startsWith("\"") && partETag.endsWith("\"") && partETag.length() > 1
        ? partETag.substring(1, partETag.length() - 1) : partETag;
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(HexFormat.of().parseHex(hex));
      return "\"" + HexFormat.of().formatHex(md5) + "-1\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, byte[]> attributes(CreateMultipartUploadRequest start, String eTag) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put(CONTENT_MD5, eTag.getBytes(StandardCharsets.US_ASCII));
    putIfPresent(out, "user.cache-control", start.cacheControl());
    putIfPresent(out, "user.content-disposition", start.contentDisposition());
    putIfPresent(out, "user.content-encoding", start.contentEncoding());
    putIfPresent(out, "user.content-language", start.contentLanguage());
    putIfPresent(out, "user.content-type", start.contentType());
    if (start.expires() != null) {
      out.put("user.expires", ByteBuffer.allocate(8).putLong(start.expires().toEpochMilli()).array());
    }
    putIfPresent(out, "user.storage-tier",
        start.storageClass() == null ? "STANDARD" : start.storageClass().toString());
    start.metadata().forEach((name, value) -> putIfPresent(out, USER_METADATA + name, value));
    return out;
  }

  private static void putIfPresent(Map<String, byte[]> out, String name, String value) {
    if (value != null) {
      out.put(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Map<String, byte[]> read(UserDefinedFileAttributeView view) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String name : view.list()) {
      ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
      view.read(name, buffer);
      out.put(name, buffer.array());
    }
    return out;
  }

  private static void replace(UserDefinedFileAttributeView view, Map<String, byte[]> attributes)
      throws IOException {
    for (String name : view.list()) {
      view.delete(name);
    }
    for (Map.Entry<String, byte[]> e : attributes.entrySet()) {
      view.write(e.getKey(), ByteBuffer.wrap(e.getValue()));
    }
  }

  /** Puts the part back as it was, so that s3proxy's own completion can run. */
  private static void restore(Path temporary, Path part, Map<String, byte[]> original) {
    try {
      if (Files.exists(temporary)) {
        replace(Files.getFileAttributeView(temporary, UserDefinedFileAttributeView.class),
            original);
        Files.move(temporary, part, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException | RuntimeException ignored) {
      // the completion fails either way; s3proxy reports the missing part
    }
  }
}

package dev.meridian.local.storage;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
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
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * s3proxy's file-backed stores (disk, and Jimfs in memory) with CopyObject as a hard link.
 *
 * <p>s3proxy 4.1.0 copies an object by reading it, hashing it with MD5 and writing a new file.
 * Meridian copies every blob at least three times (staging → {@code blobs/} in the origin, then
 * fan-out to each peer bucket), so a 256 MiB layer cost about 0.4 s of MD5 and a full read and
 * write per copy, and the in-memory store held one copy per region. S3 copies server-side
 * without the caller moving bytes; a hard link is the local equivalent.
 *
 * <p>Safe because s3proxy never changes an object file in place: a put writes a temporary file
 * and renames it over the key, a delete unlinks one name. The link shares the inode, so size,
 * ETag, content type and user metadata (xattrs) are the source's — what a plain CopyObject
 * (metadata directive COPY) produces. One visible difference: {@code Last-Modified} stays the
 * source's. Anything else (conditions, REPLACE, versions, encryption, a versioned bucket, a file
 * system without links) goes to s3proxy's own copy.
 *
 * <p>A one-part CompleteMultipartUpload (every blob pushed in one request) likewise renames the
 * part instead of copying it ({@link SinglePartCompletion}).
 */
final class LinkingCopyBlobStore extends ForwardingBlobStore {

  private static final Logger LOG = LoggerFactory.getLogger(LinkingCopyBlobStore.class);

  private final Path root;
  private final SinglePartCompletion singlePart;

  private LinkingCopyBlobStore(BlobStore delegate, Path root) {
    super(delegate);
    this.root = root;
    this.singlePart = new SinglePartCompletion(delegate, root);
  }

  /** Wraps {@code store} when its files can be reached ({@code root} not null), else returns it. */
  static BlobStore wrap(AbstractNio2BlobStore store, Path root) {
    if (root == null) {
      LOG.warn("s3proxy copies will move bytes: cannot reach the store's root");
      return store;
    }
    return new LinkingCopyBlobStore(store, root);
  }

  /** The directory under which {@code store} keeps its buckets, or null when unreachable. */
  static Path rootOf(AbstractNio2BlobStore store) {
    try {
      Method getRoot = AbstractNio2BlobStore.class.getDeclaredMethod("getRoot");
      getRoot.setAccessible(true);
      return (Path) getRoot.invoke(store);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("cannot reach s3proxy's store root: {}", e.toString());
      return null;
    }
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    if (linkable(request)) {
      try {
        HeadObjectResponse linked = link(request);
        if (linked != null) {
          return CopyObjectResponse.builder().copyObjectResult(CopyObjectResult.builder()
              .eTag(linked.eTag()).lastModified(linked.lastModified()).build()).build();
        }
      } catch (IOException | UnsupportedOperationException e) {
        LOG.debug("link copy of {}/{} fell back: {}", request.sourceBucket(),
            request.sourceKey(), e.toString());
      }
    }
    return super.copyBlob(request);
  }

  /** A one-part upload becomes its object by a rename; see {@link SinglePartCompletion}. */
  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
      CompleteMultipartUploadRequest request) {
    try {
      CompleteMultipartUploadResponse done = singlePart.complete(upload, request);
      if (done != null) {
        return done;
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("rename completion of {}/{} fell back: {}", upload.containerName(),
          upload.blobName(), e.toString());
    }
    return super.completeMultipartUpload(upload, request);
  }

  private static boolean linkable(CopyObjectRequest r) {
    return r.sourceVersionId() == null
        && (r.metadataDirective() == null || r.metadataDirective() == MetadataDirective.COPY)
        && r.copySourceIfMatch() == null && r.copySourceIfNoneMatch() == null
        && r.copySourceIfModifiedSince() == null && r.copySourceIfUnmodifiedSince() == null
        && r.serverSideEncryption() == null && r.ssekmsKeyId() == null
        && r.sseCustomerAlgorithm() == null && r.copySourceSSECustomerAlgorithm() == null
        && r.taggingDirective() == null && r.acl() == null
        && !r.sourceKey().endsWith("/") && !r.destinationKey().endsWith("/");
  }

  /** Links the target name to the source's file; null when this case is not handled here. */
  private HeadObjectResponse link(CopyObjectRequest r) throws IOException {
    if (delegate().supportsVersioning()
        && (delegate().getBucketVersioning(r.destinationBucket()) != null
            || delegate().getBucketVersioning(r.sourceBucket()) != null)) {
      return null;
    }
    Path source = ObjectFiles.inside(root, r.sourceBucket(), r.sourceKey());
    Path target = ObjectFiles.inside(root, r.destinationBucket(), r.destinationKey());
    if (source == null || target == null || !Files.isRegularFile(source)
        || !Files.isDirectory(root.resolve(r.destinationBucket()))) {
      return null; // missing source or bucket: s3proxy answers with the right S3 error
    }
    if (source.equals(target)) {
      return null;
    }
    Files.createDirectories(target.getParent());
    Path temporary = target.resolveSibling(target.getFileName() + "-" + UUID.randomUUID());
    Files.createLink(temporary, source);
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    return delegate().blobMetadata(r.destinationBucket(), r.destinationKey());
  }
}

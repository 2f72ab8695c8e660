package dev.meridian.local.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Stores an uploaded multipart part as s3proxy's file store would, in 64 KiB writes and without
 * hashing it with MD5.
 *
 * <p>Why. s3proxy 4.1.0 stores a part with {@code InputStream.transferTo} through an MD5 {@code
 * DigestInputStream}: the MD5 (684 MB/s here) was about half of s3proxy's CPU for a 256 MiB
 * layer, and the 8 KiB writes most of the rest (bench/notes.md). The MD5 is only the part's ETag,
 * and a part's ETag is read back by one client alone: Meridian's own S3 client lists it in
 * CompleteMultipartUpload, where s3proxy checks that it matches the stored part (S3's InvalidPart).
 * Users never meet it; an object's ETag after completion was already the multipart form ({@code
 * "<hex>-<n>"}), not the content's MD5.
 *
 * <p>So the part's ETag here is 16 bytes that still change whenever the bytes do: CRC-32C, CRC-32
 * (both computed by the CPU's own instructions, more than 10 GB/s) and the length. The file, its
 * name ({@link AbstractNio2BlobStore#multipartPartName}), the ETag attribute and the permissions
 * are what s3proxy writes and reads back (see {@link SinglePartCompletion} for the completion
 * side); anything this class does not handle — encryption, Content-MD5, flexible checksums —
 * goes to s3proxy as before.
 *
 * <p>The part is on the disk before S3 answers (see {@link DurableObjects} for why), flushed while
 * it arrives ({@link WriteBehind}).
 */
final class PartFiles {

  private static final int BUFFER = 64 << 10;
  private static final String ETAG_ATTRIBUTE = "user.content-md5";
  private static final String TIER_ATTRIBUTE = "user.storage-tier";

  private final Path root;
  private final FileSync sync;

  PartFiles(Path root, FileSync sync) {
    this.root = root;
    this.sync = sync;
  }

  /** Whether this request is one {@link #store} handles; otherwise s3proxy stores it. */
  static boolean handles(MultipartUpload upload, UploadPartRequest request) {
    return request.contentLength() != null && request.contentMD5() == null
        && request.checksumAlgorithm() == null && request.checksumCRC32() == null
        && request.checksumCRC32C() == null && request.checksumSHA1() == null
        && request.checksumSHA256() == null && request.checksumCRC64NVME() == null
        && request.sseCustomerAlgorithm() == null && request.sseCustomerKey() == null
        && upload.request() != null && upload.request().serverSideEncryption() == null
        && upload.request().sseCustomerAlgorithm() == null
        && upload.request().ssekmsKeyId() == null;
  }

  /**
   * Stores the part; null, before reading any byte, when s3proxy should (a bucket or name it
   * refuses, a file system without extended attributes).
   */
  UploadPartResponse store(MultipartUpload upload, UploadPartRequest request, InputStream payload)
      throws IOException {
    Path part = ObjectFiles.inside(root, upload.containerName(),
        AbstractNio2BlobStore.multipartPartName(upload.id(), upload.blobName(),
            request.partNumber()));
    Path bucket = root.resolve(upload.containerName()).normalize();
    if (part == null || !Files.isDirectory(bucket)
        || !Files.getFileStore(bucket).supportsFileAttributeView(
            UserDefinedFileAttributeView.class)) {
      return null; // a name or bucket s3proxy refuses itself, or no extended attributes
    }
    Files.createDirectories(part.getParent());
    Path temporary = part.resolveSibling(part.getFileName() + "-" + UUID.randomUUID());
    try {
      byte[] eTag = write(payload, temporary, request.contentLength(), sync);
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(temporary, UserDefinedFileAttributeView.class);
      view.write(ETAG_ATTRIBUTE, ByteBuffer.wrap(eTag));
      view.write(TIER_ATTRIBUTE, ByteBuffer.wrap("STANDARD".getBytes()));
      privateAccess(temporary);
      move(temporary, part);
      // Unquoted, as s3proxy's own store returns it (its HTTP handler adds the quotes).
      return UploadPartResponse.builder().eTag(HexFormat.of().formatHex(eTag)).build();
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Writes exactly {@code length} bytes, on the disk when this returns ({@link WriteBehind});
   * returns the part's ETag.
   */
  private static byte[] write(InputStream payload, Path file, long length, FileSync sync)
      throws IOException {
    CRC32C crc32c = new CRC32C();
    CRC32 crc32 = new CRC32();
    byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
    long written = 0;
    // READ as well: a test's FileSync reads back what each sync covered (DurableObjectsTest).
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      WriteBehind flushes = new WriteBehind(out, sync);
      while (written < length) {
        int n = payload.readNBytes(buffer, 0, (int) Math.min(buffer.length, length - written));
        if (n == 0) {
          throw new IOException("part ended after " + written + " of " + length + " bytes");
        }
        crc32c.update(buffer, 0, n);
        crc32.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        written += n;
        flushes.wrote(n);
      }
      flushes.finish();
    }
    return ByteBuffer.allocate(16).putInt((int) crc32c.getValue()).putInt((int) crc32.getValue())
        .putLong(length).array();
  }

  /** s3proxy stores a private object without read permission for others. */
  private static void privateAccess(Path file) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      permissions.remove(PosixFilePermission.OTHERS_READ);
      Files.setPosixFilePermissions(file, permissions);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: s3proxy ignores it too
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

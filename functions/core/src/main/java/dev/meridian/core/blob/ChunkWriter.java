package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.CompletedPart;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.storage.UploadSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams one request's bytes into an upload's S3 multipart upload at {@link
 * StorageLayout#uploadData}, holding at most one part ({@code partSize}) in memory.
 *
 * <p>S3 wants every part but the last to be at least 5 MiB ({@link ObjectStore#MIN_PART_SIZE}).
 * So the session's tail (bytes of earlier requests that did not make a part) is read back into
 * the buffer first, the buffer is uploaded as a part whenever it fills, and what remains at the
 * end is uploaded as a part if it is at least 5 MiB; else it becomes the new tail, which this
 * class only returns: the caller stores it after the session update wins, so a request that loses
 * a race never overwrites the winner's tail. On the last request ({@code last}) the remainder is
 * the final part, or, when no part was ever needed, the whole object is written with one put.
 *
 * <p>Part numbers continue after the session's parts. A request that fails or loses its race
 * leaves unreferenced parts behind; the next request reuses their numbers (S3 replaces a part
 * uploaded again under the same number) and completion lists only the session's parts.
 */
final class ChunkWriter {

  /** S3 allows parts numbered 1 to 10,000. */
  static final int MAX_PARTS = 10_000;
  /** S3's largest part and largest single PUT: 5 GiB. */
  static final long MAX_DIRECT = 5L << 30;
  static final String OCTET_STREAM = "application/octet-stream";

  /**
   * What a request wrote. {@code tail} holds the new tail in {@code tail[0, tailLength)}; {@code
   * hashes} are digests of bytes {@code [0, size)} when the request started at offset 0, else
   * empty. {@code startedMultipart} is true when this request created the multipart upload. On
   * the last request, {@code dataKey} is the object that holds (or, once its parts are completed,
   * will hold) the whole blob.
   */
  record Result(
      String multipartUploadId,
      List<CompletedPart> parts,
      byte[] tail,
      int tailLength,
      long received,
      long size,
      Map<String, Digest> hashes,
      boolean startedMultipart,
      String dataKey) {}

  private final ObjectStore objects;
  private final int partSize;

  ChunkWriter(ObjectStore objects, long partSize) {
    if (partSize < ObjectStore.MIN_PART_SIZE || partSize > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("part size must be in [5 MiB, 2 GiB): " + partSize);
    }
    this.objects = objects;
    this.partSize = (int) partSize;
  }

  /**
   * Appends {@code body} (exactly {@code expectedLength} bytes, or up to its end when -1) to the
   * session's data. {@code algorithms} are hashed when the session is empty (then the request
   * carries bytes {@code [0, size)}); otherwise nothing is hashed.
   */
  Result append(UploadSession session, InputStream body, long expectedLength,
      Set<String> algorithms, boolean last) {
    State s = new State(session);
    try {
      return write(session, s, body, expectedLength, algorithms, last);
    } catch (RuntimeException e) {
      if (s.started) {
        // A multipart upload this request created is known to no session: abort it now.
        objects.abortMultipart(s.key, s.uploadId);
      }
      throw e;
    }
  }

  private Result write(UploadSession session, State s, InputStream body, long expectedLength,
      Set<String> algorithms, boolean last) {
    if (last && expectedLength == 0 && session.parts().isEmpty() && session.tailSize() > 0) {
      // The whole blob is the tail an earlier request stored (a PATCH under the part size, then
      // an empty PUT: skopeo's way with small layers): it becomes the blob as it is, instead of
      // being read back and written again under another key.
      return new Result(session.multipartUploadId(), List.of(), new byte[0], 0, 0,
          session.size(), Map.of(), false, StorageLayout.uploadTail(session.id()));
    }
    Hashers hashers = session.size() == 0 ? new Hashers(algorithms) : Hashers.none();
    // A request of known length needs room for the tail and its own bytes (and one more, to see
    // a body longer than declared), not a whole part: 8 MiB zeroed per small request showed up
    // as page clearing and garbage collection in profiles.
    byte[] buffer = new byte[expectedLength < 0 ? partSize
        : (int) Math.min(partSize, session.tailSize() + expectedLength + 1)];
    int fill = readTail(session, buffer);
    long received = 0;
    try {
      int n;
      while (true) {
        long rest = expectedLength - received;
        if (fill == 0 && expectedLength >= 0 && rest >= partSize && rest <= MAX_DIRECT) {
          received += writeDirect(session, s, body, rest, hashers, last);
          break;
        }
        if ((n = body.read(buffer, fill, buffer.length - fill)) < 0) {
          break;
        }
        hashers.update(buffer, fill, n);
        received += n;
        if (expectedLength >= 0 && received > expectedLength) {
          throw sizeInvalid(expectedLength, received + " or more");
        }
        fill += n;
        if (fill == partSize) {
          s.uploadPart(buffer, fill);
          fill = 0;
        }
      }
    } catch (IOException e) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID,
          "reading the request body failed: " + e.getMessage());
    }
    if (expectedLength >= 0 && received != expectedLength) {
      throw sizeInvalid(expectedLength, Long.toString(received));
    }
    if (last) {
      if (s.wroteObject) {
        // writeDirect stored the whole object with one put
      } else if (s.parts.isEmpty()) {
        objects.put(StorageLayout.uploadData(session.id()),
            new ByteArrayInputStream(buffer, 0, fill), fill, OCTET_STREAM);
      } else if (fill > 0) {
        s.uploadPart(buffer, fill);
      }
      fill = 0;
    } else if (fill >= ObjectStore.MIN_PART_SIZE) {
      s.uploadPart(buffer, fill);
      fill = 0;
    }
    return new Result(s.uploadId, List.copyOf(s.parts), buffer, fill, received,
        session.size() + received, hashers.finish(), s.started,
        StorageLayout.uploadData(session.id()));
  }

  /**
   * Streams the request's remaining {@code rest} bytes (its length is known and at least one
   * part) straight from the body to S3: as one object when this request is the last and no part
   * exists yet (a monolithic upload, or a PUT carrying the whole blob), else as one part. Nothing
   * is buffered, and the bytes are read while they are sent, so reading the client and writing
   * S3 overlap instead of alternating per buffer.
   *
   * <p>Measured on a 256 MiB PATCH (skopeo's way: one PATCH with Content-Length, then an empty
   * PUT) through the local runtime: see docs/uploads.md, "Where the bytes go".
   */
  private long writeDirect(UploadSession session, State s, InputStream body, long rest,
      Hashers hashers, boolean last) throws IOException {
    ExactLengthStream in = new ExactLengthStream(body, rest, hashers);
    try {
      if (last && s.parts.isEmpty()) {
        objects.put(StorageLayout.uploadData(session.id()), in, rest, OCTET_STREAM);
        s.wroteObject = true;
      } else {
        s.uploadPart(in, rest);
      }
    } catch (StorageException e) {
      if (in.failure != null) {
        throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID,
            "reading the request body failed: " + in.failure.getMessage());
      }
      if (in.remaining > 0) {
        throw sizeInvalid(session.size() + rest, Long.toString(rest - in.remaining));
      }
      throw e;
    }
    if (in.remaining > 0) {
      throw sizeInvalid(rest, Long.toString(rest - in.remaining));
    }
    if (body.read() >= 0) {
      throw sizeInvalid(rest, (rest + 1) + " or more");
    }
    return rest;
  }

  /**
   * Exactly {@code length} bytes of the request body, hashed as they pass; remembers a read
   * failure and a premature end, which the S3 client reports only as its own failure.
   */
  private static final class ExactLengthStream extends InputStream {
    private final InputStream body;
    private final Hashers hashers;
    private long remaining;
    private IOException failure;

    ExactLengthStream(InputStream body, long length, Hashers hashers) {
      this.body = body;
      this.remaining = length;
      this.hashers = hashers;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n;
      try {
        n = body.read(b, off, (int) Math.min(len, remaining));
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      if (n > 0) {
        hashers.update(b, off, n);
        remaining -= n;
      }
      return n;
    }
  }

  /** Reads the session's tail into the start of {@code buffer}; returns its length. */
  private int readTail(UploadSession session, byte[] buffer) {
    long tailSize = session.tailSize();
    if (tailSize == 0) {
      return 0;
    }
    String key = StorageLayout.uploadTail(session.id());
    ObjectContent tail = objects.get(key).orElseThrow(() -> lost(session, "tail is missing"));
    try (tail) {
      if (tail.length() != tailSize || tailSize > buffer.length) {
        throw lost(session, "tail has " + tail.length() + " bytes, expected " + tailSize);
      }
      int read = tail.stream().readNBytes(buffer, 0, (int) tailSize);
      if (read != tailSize) {
        throw lost(session, "tail ended after " + read + " bytes");
      }
      return read;
    } catch (IOException e) {
      throw lost(session, "tail unreadable: " + e.getMessage());
    }
  }

  private static RegistryException lost(UploadSession session, String why) {
    return new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID,
        "upload " + session.id() + " lost data (" + why + "); restart the upload");
  }

  static RegistryException sizeInvalid(long expected, String actual) {
    return new RegistryException(ErrorKind.SIZE_INVALID,
        "expected " + expected + " bytes in the request body, received " + actual);
  }

  /** The multipart upload as this request extends it. */
  private final class State {
    private final String key;
    private String uploadId;
    private boolean started;
    private boolean wroteObject;
    private final List<CompletedPart> parts;

    State(UploadSession session) {
      this.key = StorageLayout.uploadData(session.id());
      this.uploadId = session.multipartUploadId();
      this.parts = new ArrayList<>(session.parts());
    }

    void uploadPart(byte[] buffer, int length) {
      uploadPart(new ByteArrayInputStream(buffer, 0, length), length);
    }

    void uploadPart(InputStream content, long length) {
      int number = parts.size() + 1;
      if (number > MAX_PARTS) {
        throw new RegistryException(ErrorKind.BLOB_UPLOAD_INVALID,
            "blob exceeds " + MAX_PARTS + " parts of the configured part size");
      }
      if (uploadId == null) {
        uploadId = objects.startMultipart(key, OCTET_STREAM);
        started = true;
      }
      String eTag = objects.uploadPart(key, uploadId, number, content, length);
      parts.add(new CompletedPart(number, eTag, length));
    }
  }
}

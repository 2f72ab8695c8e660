package dev.meridian.cli.registry;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import dev.meridian.cli.http.BulkHttp;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.http.RegistryErrors;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.transfer.BlobContent;
import dev.meridian.cli.transfer.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The distribution-spec upload: POST a session, PATCH the bytes, PUT {@code ?digest=}.
 *
 * <p>Chunk size: a registry that advertises {@code OCI-Chunk-Max-Length} on the POST gets chunks
 * of that size (Meridian on Lambda: the most that fits its ~6 MB body limit, docs/uploads.md);
 * any other (CNCF distribution, Meridian elsewhere) gets the whole blob in one streamed PATCH, as
 * docker and skopeo send it ({@link #chunkSize}). Each PATCH goes to the {@code Location} of the previous answer,
 * keeping its query (Meridian signs it; distribution keeps {@code _state} there).
 */
public final class StandardUploader implements BlobUploader {

  static final int RETRIES = 4;
  /** Chunks up to this size are buffered (Meridian's are 5 MiB); larger ones are streamed. */
  private static final long MAX_BUFFERED_CHUNK = 64L * 1024 * 1024;
  private static final Duration BACKOFF = Duration.ofMillis(500);

  @Override
  public void upload(Repository repository, Descriptor blob, BlobContent content, Progress.Tracker progress) {
    RegistryClient client = repository.client();
    String open = "/v2/" + repository.name() + "/blobs/uploads/";
    HttpResponse<byte[]> session = client.send(HttpRequest.newBuilder(client.resolve(open))
        .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
    if (session.statusCode() == 201) {
      return; // the registry holds it already (a mount it chose to do)
    }
    if (session.statusCode() != 202) {
      throw RegistryErrors.of(session, "POST " + open);
    }
    uploadIn(repository, session, blob, content, progress);
  }

  /**
   * Uploads into a session already opened (a 202 answer to the POST): also where
   * {@link DirectUploader} goes when the registry answered its POST with a standard session.
   */
  void uploadIn(Repository repository, HttpResponse<byte[]> session, Descriptor blob, BlobContent content,
      Progress.Tracker progress) {
    RegistryClient client = repository.client();
    URI location = location(session);
    long chunk = chunkSize(session).filter(c -> c > 0 && c < blob.size()).orElse(blob.size());
    if (blob.size() > 0) {
      location = patchAll(client, location, blob, content, chunk, progress);
    }
    URI put = withQuery(location, "digest=" + RegistryClient.encode(blob.digest()));
    HttpResponse<byte[]> done = client.at(put).send(HttpRequest.newBuilder(put)
        .PUT(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
    if (done.statusCode() != 201) {
      throw RegistryErrors.of(done, "PUT blob " + blob.digest());
    }
  }

  /**
   * Sends the bytes chunk by chunk ({@code chunk == size}: one streamed PATCH). Chunks are read
   * from one open stream into a buffer (so a source registry's blob is downloaded once); a failed
   * PATCH that may be transient (5xx, 429, I/O) is resumed: the session's status (end-13,
   * {@code Range: 0-<end>}) says how much the registry holds — a lost answer may hide a stored
   * chunk — and sending continues from there (the source reopened at that offset), at most
   * {@link #RETRIES} times in a row.
   */
  private URI patchAll(RegistryClient client, URI location, Descriptor blob, BlobContent content, long chunk,
      Progress.Tracker progress) {
    boolean buffered = chunk < blob.size() && chunk <= MAX_BUFFERED_CHUNK;
    byte[] buffer = buffered ? new byte[(int) chunk] : null;
    long offset = 0;
    int failures = 0;
    InputStream in = null;
    try {
      while (offset < blob.size()) {
        long length = Math.min(chunk, blob.size() - offset);
        try {
          boolean withRange = chunk < blob.size() || offset > 0;
          if (buffered) {
            in = in != null ? in : openAt(content, offset);
            int n = in.readNBytes(buffer, 0, (int) length);
            if (n < length) {
              throw CliException.invalid("blob " + blob.digest() + " is shorter than its size " + blob.size());
            }
            location = patch(client, location, blob, HttpRequest.BodyPublishers.ofByteArray(buffer, 0, n),
                offset, length, withRange);
            progress.add(length);
          } else {
            location = patchStreamed(client, location, blob, content, offset, length, withRange, progress);
          }
          offset += length;
          failures = 0;
        } catch (CliException e) {
          if (e.exitCode() != ExitCode.SERVER || ++failures > RETRIES) {
            throw e;
          }
          sleep(BACKOFF.multipliedBy(1L << (failures - 1)));
          offset = uploaded(client, location);
          progress.restart();
          progress.add(offset);
          closeQuietly(in);
          in = null;
        }
      }
      return location;
    } catch (IOException e) {
      throw CliException.io("reading blob " + blob.digest() + ": " + e.getMessage());
    } finally {
      closeQuietly(in);
    }
  }

  private static InputStream openAt(BlobContent content, long offset) throws IOException {
    return content.openAt(offset);
  }

  /**
   * One PATCH whose body is read from the source at each (re)send, through {@link BulkHttp}: a
   * file goes to the socket with sendfile; an auth retry re-reads it from {@code offset}.
   */
  private URI patchStreamed(RegistryClient client, URI location, Descriptor blob, BlobContent content,
      long offset, long length, boolean withRange, Progress.Tracker progress) {
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Content-Type", "application/octet-stream");
    if (withRange) {
      headers.put("Content-Range", offset + "-" + (offset + length - 1));
    }
    try (BlobBody body = new BlobBody(content, offset, length);
        BulkHttp.Response response = client.at(location).bulk("PATCH", location, headers, () -> {
          progress.restart();
          progress.add(offset);
          return body.get();
        }, progress::add)) {
      if (response.status() != 202) {
        throw RegistryErrors.of(response, "PATCH blob " + blob.digest() + " at " + offset);
      }
      return location(response);
    } catch (UncheckedIOException e) {
      throw CliException.io("reading blob " + blob.digest() + ": " + e.getCause().getMessage());
    }
  }

  private URI patch(RegistryClient client, URI location, Descriptor blob, HttpRequest.BodyPublisher body,
      long offset, long length, boolean withRange) {
    HttpRequest.Builder request = HttpRequest.newBuilder(location).method("PATCH", body)
        .header("Content-Type", "application/octet-stream");
    if (withRange) {
      request.header("Content-Range", offset + "-" + (offset + length - 1));
    }
    HttpResponse<byte[]> response;
    try {
      response = client.at(location).send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (UncheckedIOException e) {
      throw CliException.io("reading blob " + blob.digest() + ": " + e.getCause().getMessage());
    }
    if (response.statusCode() != 202) {
      throw RegistryErrors.of(response, "PATCH blob " + blob.digest() + " at " + offset);
    }
    return location(response);
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // a source we are done with
      }
    }
  }

  /** How many bytes the session holds: {@code Range: 0-<end>} of GET on the session. */
  static long uploaded(RegistryClient client, URI location) {
    HttpResponse<byte[]> status = client.at(location).send(HttpRequest.newBuilder(location).GET(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (status.statusCode() != 204 && status.statusCode() != 200) {
      throw RegistryErrors.of(status, "GET upload status");
    }
    String range = status.headers().firstValue("Range").orElse("0-0");
    int dash = range.lastIndexOf('-');
    long end = Long.parseLong(range.substring(dash + 1).trim());
    // distribution answers 0-0 for an empty session too; resending one byte is then refused (416) and retried
    return end == 0 ? 0 : end + 1;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.io("interrupted");
    }
  }

  static URI location(BulkHttp.Response response) {
    String header = response.header("Location");
    if (header == null) {
      throw CliException.io("upload answer without Location from " + response.uri().getRawAuthority());
    }
    return response.uri().resolve(header);
  }

  static URI location(HttpResponse<?> response) {
    String header = response.headers().firstValue("Location")
        .orElseThrow(() -> CliException.io("upload answer without Location from " + response.uri()));
    return response.uri().resolve(header);
  }

  /**
   * The chunk size a session asks for: its {@code OCI-Chunk-Max-Length} (never under its {@code
   * OCI-Chunk-Min-Length}); with no maximum, none — the whole blob in one streamed PATCH, which
   * satisfies any minimum (distribution-spec: every chunk but the last at least the minimum) and
   * is what docker and skopeo send. Chunks of the minimum (5 MiB on Meridian) cost the registry a
   * request, a part and a re-read of the assembled object to hash it; one PATCH is hashed while
   * it streams.
   */
  static Optional<Long> chunkSize(HttpResponse<?> session) {
    Optional<Long> min = session.headers().firstValue("OCI-Chunk-Min-Length").map(Long::parseLong);
    Optional<Long> max = session.headers().firstValue("OCI-Chunk-Max-Length").map(Long::parseLong);
    return max.map(m -> Math.max(m, min.orElse(0L)));
  }

  static URI withQuery(URI uri, String parameter) {
    String s = uri.toString();
    return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + parameter);
  }
}

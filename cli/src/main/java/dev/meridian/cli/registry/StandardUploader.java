package dev.meridian.cli.registry;

import dev.meridian.cli.CliException;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.http.RegistryErrors;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.transfer.BlobContent;
import dev.meridian.cli.transfer.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The distribution-spec upload: POST a session, PATCH the bytes, PUT {@code ?digest=}.
 *
 * <p>Chunk size: a registry that advertises {@code OCI-Chunk-Min-Length} on the POST gets chunks
 * of exactly that size (capped by {@code OCI-Chunk-Max-Length} when given): Meridian advertises S3's
 * 5 MiB part minimum, and on Lambda the most that fits its ~6 MB body limit (docs/uploads.md).
 * A registry that advertises nothing (CNCF distribution) gets the whole blob in one streamed PATCH,
 * as docker and skopeo send it. Each PATCH goes to the {@code Location} of the previous answer,
 * keeping its query (Meridian signs it; distribution keeps {@code _state} there).
 */
public final class StandardUploader implements BlobUploader {

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
    URI location = location(session);
    Optional<Long> chunk = chunkSize(session);
    try {
      if (blob.size() > 0) {
        location = chunk.isPresent() && chunk.get() < blob.size()
            ? patchChunks(client, location, blob, content, chunk.get(), progress)
            : patchWhole(client, location, blob, content, progress);
      }
    } catch (IOException e) {
      throw CliException.io("reading blob " + blob.digest() + ": " + e.getMessage());
    }
    URI put = withQuery(location, "digest=" + RegistryClient.encode(blob.digest()));
    HttpResponse<byte[]> done = client.send(HttpRequest.newBuilder(put)
        .PUT(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
    if (done.statusCode() != 201) {
      throw RegistryErrors.of(done, "PUT blob " + blob.digest());
    }
  }

  private URI patchChunks(RegistryClient client, URI location, Descriptor blob, BlobContent content,
      long chunkSize, Progress.Tracker progress) throws IOException {
    byte[] buffer = new byte[(int) Math.min(chunkSize, Integer.MAX_VALUE - 8)];
    long offset = 0;
    try (InputStream in = content.open()) {
      while (offset < blob.size()) {
        int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, blob.size() - offset));
        if (n == 0) {
          throw CliException.invalid("blob " + blob.digest() + " is shorter than its size " + blob.size());
        }
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(location)
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(buffer, 0, n))
            .header("Content-Type", "application/octet-stream")
            .header("Content-Range", offset + "-" + (offset + n - 1)), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 202) {
          throw RegistryErrors.of(response, "PATCH blob " + blob.digest() + " at " + offset);
        }
        offset += n;
        progress.add(n);
        location = location(response);
      }
    }
    return location;
  }

  private URI patchWhole(RegistryClient client, URI location, Descriptor blob, BlobContent content,
      Progress.Tracker progress) {
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(() -> {
          progress.restart();
          try {
            return new Counting(content.open(), progress);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }), blob.size());
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(location)
        .method("PATCH", body).header("Content-Type", "application/octet-stream"),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 202) {
      throw RegistryErrors.of(response, "PATCH blob " + blob.digest());
    }
    return location(response);
  }

  private static URI location(HttpResponse<?> response) {
    String header = response.headers().firstValue("Location")
        .orElseThrow(() -> CliException.io("upload answer without Location from " + response.uri()));
    return response.uri().resolve(header);
  }

  static Optional<Long> chunkSize(HttpResponse<?> session) {
    Optional<Long> min = session.headers().firstValue("OCI-Chunk-Min-Length").map(Long::parseLong);
    Optional<Long> max = session.headers().firstValue("OCI-Chunk-Max-Length").map(Long::parseLong);
    if (min.isEmpty()) {
      return max;
    }
    return Optional.of(max.map(m -> Math.min(m, min.get())).orElse(min.get()));
  }

  static URI withQuery(URI uri, String parameter) {
    String s = uri.toString();
    return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + parameter);
  }

  /** Counts bytes read into the blob's progress. */
  private static final class Counting extends FilterInputStream {
    private final Progress.Tracker progress;

    Counting(InputStream in, Progress.Tracker progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        progress.add(n);
      }
      return n;
    }
  }
}

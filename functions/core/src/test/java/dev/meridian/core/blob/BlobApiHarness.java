package dev.meridian.core.blob;

import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryUploadSessionStore;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The registry HTTP API over in-memory ports, for API tests of the blob endpoints. Only the
 * ports are used, so the same tests can later run against S3 and DynamoDB adapters.
 */
public final class BlobApiHarness {

  /** A response with its body read. */
  public record Reply(int status, HttpHeaders headers, byte[] body) {
    public String header(String name) {
      return headers.first(name);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public final InMemoryObjectStore memory = new InMemoryObjectStore();
  public final InMemoryMetadataIndex index = new InMemoryMetadataIndex();
  public final InMemoryUploadSessionStore uploads = new InMemoryUploadSessionStore();
  public final RegistryHttpApi api;

  public BlobApiHarness(BlobDelivery delivery) {
    this(delivery, null);
  }

  /** With {@code objects} wrapping {@link #memory} (e.g. to presign), or null for memory. */
  public BlobApiHarness(BlobDelivery delivery, ObjectStore objects) {
    this(RegistrySettings.defaults("meridian", "eastus", new Seed("aa")).withBlobDelivery(delivery),
        objects);
  }

  /** With these settings (e.g. a direct upload's verification budget) over {@link #memory}. */
  public BlobApiHarness(RegistrySettings settings, ObjectStore objects) {
    this(settings, objects, Clock.systemUTC());
  }

  /** As above, on {@code clock} (e.g. one that ticks on every read, to run out a budget). */
  public BlobApiHarness(RegistrySettings settings, ObjectStore objects, Clock clock) {
    ObjectStore store = objects == null ? memory : objects;
    api = new RegistryHttpApi(new BlobEndpoints(settings, store, index, uploads, clock),
        new ManifestEndpoints(settings, store, index, clock), List.of());
  }

  /** {@code target} is a path with an optional {@code ?query}; headers are name, value pairs. */
  public Reply send(String method, String target, byte[] body, String... headers) {
    return send(method, target, body == null ? null : new ByteArrayInputStream(body),
        body == null ? 0 : body.length, headers);
  }

  public Reply send(String method, String target, InputStream body, long length,
      String... headers) {
    int q = target.indexOf('?');
    HttpHeaders h = new HttpHeaders();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    HttpRequest request = new HttpRequest(method, q < 0 ? target : target.substring(0, q),
        q < 0 ? "" : target.substring(q + 1), h, body, length, "localhost:5001", "http");
    HttpResponse response = api.handle(request);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Reply(response.status(), response.headers(), out.toByteArray());
  }

  /** POST, PATCH the whole blob, PUT: the common docker/skopeo sequence. */
  public Reply push(String repo, byte[] bytes) {
    Reply started = send("POST", "/v2/" + repo + "/blobs/uploads/", null);
    String location = started.header("Location");
    send("PATCH", location, bytes, "Content-Range", "0-" + (bytes.length - 1));
    return send("PUT", location + "?digest=" + UploadTestSupport.sha256(bytes), null);
  }
}

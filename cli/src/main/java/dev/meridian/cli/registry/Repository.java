package dev.meridian.cli.registry;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.http.RegistryErrors;
import dev.meridian.cli.image.Descriptor;
import dev.meridian.cli.image.Manifest;
import dev.meridian.cli.image.MediaTypes;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

/** One repository of a registry through the distribution-spec endpoints (docs/api.md end-2…end-10). */
public final class Repository {

  private final RegistryClient client;
  private final String name;
  private final Consumer<String> notices;

  public Repository(RegistryClient client, String name) {
    this(client, name, notice -> { });
  }

  /** {@code notices} receives what the registry says about replication of what it serves. */
  public Repository(RegistryClient client, String name, Consumer<String> notices) {
    this.client = client;
    this.name = name;
    this.notices = notices;
  }

  public RegistryClient client() {
    return client;
  }

  public String name() {
    return name;
  }

  /** end-3: the manifest by tag or digest, exact bytes. */
  public Manifest manifest(String reference) {
    String path = "/v2/" + name + "/manifests/" + reference;
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.resolve(path)).GET()
        .header("Accept", MediaTypes.ACCEPT), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw notFoundAs(response, "MANIFEST_UNKNOWN", "manifest " + name + ":" + reference);
    }
    Manifest manifest = Manifest.of(response.body(), response.headers().firstValue("Content-Type").orElse(null));
    if (reference.contains(":") && !manifest.digest().equals(reference)) {
      throw CliException.invalid("manifest " + reference + " has digest " + manifest.digest() + " (not trusted)");
    }
    ReplicationNotices.of(response.headers(), name, reference, manifest.digest()).ifPresent(notices);
    return manifest;
  }

  /** end-2 HEAD. */
  public boolean hasBlob(String digest) {
    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(client.resolve("/v2/" + name + "/blobs/" + digest))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() == 200) {
      return true;
    }
    if (response.statusCode() == 404) {
      return false;
    }
    throw new CliException(dev.meridian.cli.error.ExitCode.ofStatus(response.statusCode()),
        "HTTP_" + response.statusCode(), "HEAD blob " + digest + " in " + name);
  }

  /** end-2 GET (the client follows the 307 to storage). */
  public InputStream openBlob(Descriptor blob) {
    return openBlob(blob, 0);
  }

  /**
   * The blob from {@code offset} on: {@code Range: bytes=<offset>-} (kept across the 307, as
   * docs/uploads.md asks); a registry or store that ignores it (200) is read up to the offset.
   */
  public InputStream openBlob(Descriptor blob, long offset) {
    String path = "/v2/" + name + "/blobs/" + blob.digest();
    HttpRequest.Builder request = HttpRequest.newBuilder(client.resolve(path)).GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    boolean ranged = offset > 0 && response.statusCode() == 206
        && response.headers().firstValue("Content-Range").orElse("").startsWith("bytes " + offset + "-");
    if (response.statusCode() != 200 && !ranged) {
      byte[] body = readQuietly(response.body());
      throw RegistryErrors.of(withBody(response, body), "GET blob " + blob.digest() + " in " + name);
    }
    InputStream in = response.body();
    if (!ranged && offset > 0) {
      try {
        in.skipNBytes(offset);
      } catch (java.io.IOException e) {
        readQuietly(in);
        throw CliException.io("GET blob " + blob.digest() + " in " + name + ": " + e.getMessage());
      }
    }
    return in;
  }

  /** end-7: returns the digest the registry answered. */
  public String putManifest(String reference, Manifest manifest) {
    String path = "/v2/" + name + "/manifests/" + reference;
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.resolve(path))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()))
        .header("Content-Type", manifest.mediaType()), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      throw RegistryErrors.of(response, "PUT manifest " + name + ":" + reference);
    }
    return response.headers().firstValue("Docker-Content-Digest").orElse(manifest.digest());
  }

  /** end-9. */
  public void deleteManifest(String reference) {
    String path = "/v2/" + name + "/manifests/" + reference;
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.resolve(path)).DELETE(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 202 && response.statusCode() != 200) {
      throw notFoundAs(response, "MANIFEST_UNKNOWN", "DELETE " + name + ":" + reference);
    }
  }

  private static CliException notFoundAs(HttpResponse<byte[]> response, String code, String what) {
    CliException e = RegistryErrors.of(response, what);
    return response.statusCode() == 404 && e.code().equals("NOT_FOUND")
        ? new CliException(e.exitCode(), code, what + " not found") : e;
  }

  private static byte[] readQuietly(InputStream in) {
    try (in) {
      return in.readNBytes(64 * 1024);
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }

  private static HttpResponse<byte[]> withBody(HttpResponse<?> response, byte[] body) {
    return new BodyOverride(response, body);
  }
}

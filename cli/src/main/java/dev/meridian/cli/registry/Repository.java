package dev.meridian.cli.registry;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.BulkHttp;
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
   * Through {@link BulkHttp}: the caller's thread reads the socket, no client threads between. The
   * registry's 307 to storage is followed without the {@code Authorization} header (S3 refuses a
   * presigned request that also carries one, moby#50065); a hop back to the registry gets it again.
   */
  public InputStream openBlob(Descriptor blob, long offset) {
    String what = "GET blob " + blob.digest() + " in " + name;
    java.util.Map<String, String> headers = offset > 0 ? java.util.Map.of("Range", "bytes=" + offset + "-")
        : java.util.Map.of();
    java.net.URI uri = client.resolve("/v2/" + name + "/blobs/" + blob.digest());
    BulkHttp.Response response = client.bulk("GET", uri, headers, () -> BulkHttp.NO_BODY, n -> { });
    for (int hops = 0; isRedirect(response.status()) && response.header("Location") != null && hops < 5; hops++) {
      uri = response.uri().resolve(response.header("Location"));
      response.close();
      response = client.bulk("GET", uri, headers, () -> BulkHttp.NO_BODY, n -> { });
    }
    boolean ranged = offset > 0 && response.status() == 206
        && String.valueOf(response.header("Content-Range")).startsWith("bytes " + offset + "-");
    if (response.status() != 200 && !ranged) {
      throw RegistryErrors.of(response, what);
    }
    InputStream in = response.body();
    if (!ranged && offset > 0) {
      try {
        in.skipNBytes(offset);
      } catch (java.io.IOException e) {
        response.close();
        throw CliException.io(what + ": " + e.getMessage());
      }
    }
    return in;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
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
}

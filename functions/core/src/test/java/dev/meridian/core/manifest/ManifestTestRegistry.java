package dev.meridian.core.manifest;

import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.blob.BlobEndpoints;
import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryUploadSessionStore;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.route.Route;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One region's registry API over in-memory fakes, for manifest API tests. Blobs are seeded
 * directly into the bucket and index (not through the blob endpoints).
 */
public final class ManifestTestRegistry {
  public final InMemoryObjectStore objects = new InMemoryObjectStore();
  public final InMemoryMetadataIndex index = new InMemoryMetadataIndex();
  public final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  public final ManifestEndpoints endpoints;
  public final RegistryHttpApi api;

  public ManifestTestRegistry() {
    this(RegistrySettings.defaults("meridian", "eastus", new Seed("aa")));
  }

  public ManifestTestRegistry(RegistrySettings settings) {
    endpoints = new ManifestEndpoints(settings, objects, index, clock);
    api = new RegistryHttpApi(blobs(settings), endpoints, List.of());
  }

  /** With {@code routes} under {@code /meridian/v1/} and access control ({@code auth}). */
  public ManifestTestRegistry(RegistrySettings settings, List<Route> routes, RegistryAuth auth) {
    endpoints = new ManifestEndpoints(settings, objects, index, clock);
    api = new RegistryHttpApi(blobs(settings), endpoints, routes, auth);
  }

  private BlobEndpoints blobs(RegistrySettings settings) {
    return new BlobEndpoints(settings, objects, index, new InMemoryUploadSessionStore(clock),
        clock);
  }

  /** Stores {@code content} as a blob linked into {@code repository}; returns its digest. */
  public Digest seedBlob(String repository, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Digest digest = ManifestDigests.compute(Digest.SHA256, bytes);
    objects.put(StorageLayout.blob(digest), new ByteArrayInputStream(bytes), bytes.length, null);
    index.putBlob(new BlobRecord(digest, bytes.length, clock.instant()));
    index.linkBlob(RepositoryName.parse(repository), digest, bytes.length);
    return digest;
  }

  public HttpResponse get(String path, String... headerPairs) {
    return send("GET", path, null, null, headerPairs);
  }

  public HttpResponse head(String path, String... headerPairs) {
    return send("HEAD", path, null, null, headerPairs);
  }

  public HttpResponse delete(String path) {
    return send("DELETE", path, null, null);
  }

  public HttpResponse put(String path, String contentType, byte[] body) {
    return send("PUT", path, contentType, body);
  }

  public HttpResponse put(String path, String contentType, String body) {
    return put(path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse send(String method, String pathAndQuery, String contentType, byte[] body,
      String... headerPairs) {
    HttpHeaders headers = new HttpHeaders();
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    if (contentType != null) {
      headers.set("Content-Type", contentType);
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    byte[] bytes = body == null ? new byte[0] : body;
    return api.handle(new HttpRequest(method, path, query, headers,
        new ByteArrayInputStream(bytes), bytes.length, "registry.test", "http"));
  }

  public static byte[] bytes(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String text(HttpResponse response) {
    return new String(bytes(response), StandardCharsets.UTF_8);
  }
}

package dev.meridian.builder;

import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;

/**
 * {@link ImageSink} over a region's registry API ({@code RegistryAssembly.region(...).httpApi()}), called
 * in-process: HEAD for existing blobs, cross-repository mount, monolithic {@code POST
 * ?digest=} uploads and a manifest {@code PUT} by tag. A build therefore writes exactly what a
 * client push writes, through the same rules, so replication, events and webhooks follow.
 */
public final class RegistryImageSink implements ImageSink {
  private final InProcessRegistry http;

  /**
   * @param api the region's registry handler
   * @param host the host recorded as the pushing request's (webhook {@code request.host})
   * @param userAgent recorded as the pushing request's agent, e.g. {@code meridian-builder/aa7}
   */
  public RegistryImageSink(HttpHandler api, String host, String userAgent) {
    this.http = new InProcessRegistry(api, host, userAgent);
  }

  @Override
  public boolean hasBlob(RepositoryName repository, Digest digest) {
    HttpResponse r = http.send("HEAD", "/v2/" + repository + "/blobs/" + digest, "");
    if (r.status() == 200) {
      return true;
    }
    if (r.status() == 404) {
      return false;
    }
    throw InProcessRegistry.failure("HEAD blob " + digest, r);
  }

  /** A mount the registry answers with a new session (202) is not a mount: the session is dropped. */
  @Override
  public boolean mountBlob(RepositoryName repository, Digest digest, RepositoryName from) {
    HttpResponse r = http.send("POST", "/v2/" + repository + "/blobs/uploads/",
        "mount=" + digest + "&from=" + from);
    if (r.status() == 201) {
      return true;
    }
    if (r.status() == 202) {
      String location = r.headers().first("Location");
      if (location != null) {
        URI uri = URI.create(location);
        http.send("DELETE", uri.getPath(), uri.getRawQuery());
      }
      return false;
    }
    throw InProcessRegistry.failure("mount " + digest + " from " + from, r);
  }

  @Override
  public void pushBlob(RepositoryName repository, Digest digest, long size, InputStream content) {
    HttpHeaders headers = new HttpHeaders().set("Content-Type", "application/octet-stream")
        .set("Content-Length", Long.toString(size));
    HttpResponse r = http.send("POST", "/v2/" + repository + "/blobs/uploads/",
        "digest=" + digest, headers, content, size);
    if (r.status() != 201) {
      throw InProcessRegistry.failure("upload blob " + digest + " to " + repository, r);
    }
  }

  @Override
  public Digest pushManifest(RepositoryName repository, Tag tag, String mediaType,
      byte[] manifest) {
    HttpHeaders headers = new HttpHeaders().set("Content-Type", mediaType)
        .set("Content-Length", Integer.toString(manifest.length));
    HttpResponse r = http.send("PUT", "/v2/" + repository + "/manifests/" + tag, "", headers,
        new ByteArrayInputStream(manifest), manifest.length);
    if (r.status() != 201) {
      throw InProcessRegistry.failure("put manifest " + repository + ":" + tag, r);
    }
    return Digest.parse(r.headers().first("Docker-Content-Digest"));
  }
}

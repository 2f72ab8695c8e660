package dev.meridian.core.manifest;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.route.BlobRoutes;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.ObjectContent;
import java.util.Optional;

/**
 * The blob half of {@code onMiss: fetch}: a blob GET or HEAD that this region's
 * repository does not link yet, but another region's does, is answered from there — GET by a
 * {@code 307} to that region's presigned URL (streamed from there when this region streams
 * blobs), HEAD from its index — with {@code Meridian-Served-From}. A read-through manifest names
 * only blobs that exist at its source, so a client following it never meets {@code
 * BLOB_UNKNOWN}. Everything else goes to the region's own blob routes unchanged.
 */
public final class ReadThroughBlobs implements BlobRoutes {

  private final BlobRoutes local;
  private final ReplicaReads replicas;
  private final RegistrySettings settings;

  public ReadThroughBlobs(BlobRoutes local, ReplicaReads replicas, RegistrySettings settings) {
    this.local = local;
    this.replicas = replicas;
    this.settings = settings;
  }

  @Override
  public HttpResponse getBlob(HttpRequest request, RepositoryName name, Digest digest,
      boolean head) {
    try {
      return local.getBlob(request, name, digest, head);
    } catch (RegistryException e) {
      if (e.code() != OciErrorCode.BLOB_UNKNOWN) {
        throw e;
      }
      Optional<ReplicaReads.PeerBlob> peer = replicas.blob(name, digest);
      if (peer.isEmpty()) {
        throw e;
      }
      return fromPeer(peer.get(), digest, head);
    }
  }

  private HttpResponse fromPeer(ReplicaReads.PeerBlob peer, Digest digest, boolean head) {
    HttpHeaders headers = new HttpHeaders()
        .set("Docker-Content-Digest", digest.toString())
        .set(ReplicationHeaders.SERVED_FROM, peer.region());
    if (head) {
      headers.set("Content-Type", "application/octet-stream")
          .set("Content-Length", Long.toString(peer.size()));
      return new HttpResponse(200, headers, ResponseBody.empty());
    }
    if (peer.url() != null && settings.blobDelivery() == BlobDelivery.REDIRECT) {
      return new HttpResponse(307, headers.set("Location", peer.url().toString()),
          ResponseBody.empty());
    }
    ObjectContent content = peer.open().get();
    headers.set("Content-Type", "application/octet-stream");
    return new HttpResponse(200, headers, ResponseBody.of(content.stream(), content.length()));
  }

  @Override
  public HttpResponse deleteBlob(HttpRequest request, RepositoryName name, Digest digest) {
    return local.deleteBlob(request, name, digest);
  }

  @Override
  public HttpResponse startUpload(HttpRequest request, RepositoryName name) {
    return local.startUpload(request, name);
  }

  @Override
  public HttpResponse patchUpload(HttpRequest request, RepositoryName name, String sessionId) {
    return local.patchUpload(request, name, sessionId);
  }

  @Override
  public HttpResponse completeUpload(HttpRequest request, RepositoryName name, String sessionId) {
    return local.completeUpload(request, name, sessionId);
  }

  @Override
  public HttpResponse uploadStatus(HttpRequest request, RepositoryName name, String sessionId) {
    return local.uploadStatus(request, name, sessionId);
  }

  @Override
  public HttpResponse cancelUpload(HttpRequest request, RepositoryName name, String sessionId) {
    return local.cancelUpload(request, name, sessionId);
  }
}

package dev.meridian.builder;

import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@link BaseImageSource} over a region: manifests through the region's registry API (so tag
 * resolution, deleted tags, media-type rules and access control are the pull path's), blobs
 * straight from the region's bucket once a {@code HEAD} through the API allowed the pull and the
 * index says the repository links them (the same checks a blob GET makes; reading the object
 * avoids the 307 to a presigned URL that a GET answers on AWS). A pull the caller may not make
 * (401/403: the run's owner lacks {@code pull}) fails the build as the user's fault, with a
 * message that says so.
 */
public final class RegistryImageSource implements BaseImageSource {
  private static final String ACCEPT = String.join(", ", MediaTypes.OCI_MANIFEST,
      MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);
  private final InProcessRegistry http;
  private final ObjectStore objects;
  private final MetadataIndex index;

  public RegistryImageSource(HttpHandler api, ObjectStore objects, MetadataIndex index,
      String host, String userAgent) {
    this.http = new InProcessRegistry(api, host, userAgent);
    this.objects = objects;
    this.index = index;
  }

  /** 401 or 403: the caller may not pull {@code repository}; the build's fault, not the registry's. */
  private static void denied(HttpResponse r, RepositoryName repository) {
    if (r.status() == 401 || r.status() == 403) {
      throw new PullDeniedException(repository.toString());
    }
  }

  @Override
  public Optional<FetchedManifest> manifest(RepositoryName repository, String reference) {
    HttpResponse r = http.send("GET", "/v2/" + repository + "/manifests/" + reference, "",
        new HttpHeaders().set("Accept", ACCEPT), InputStream.nullInputStream(), 0);
    if (r.status() == 404) {
      return Optional.empty();
    }
    denied(r, repository);
    if (r.status() != 200) {
      throw InProcessRegistry.failure("GET manifest " + repository + ":" + reference, r);
    }
    byte[] body = InProcessRegistry.body(r);
    String type = r.headers().first("Content-Type");
    return Optional.of(new FetchedManifest(type, Digest.parse(
        r.headers().first("Docker-Content-Digest")), body));
  }

  @Override
  public Optional<InputStream> blob(RepositoryName repository, Digest digest) {
    HttpResponse r = http.send("HEAD", "/v2/" + repository + "/blobs/" + digest, "");
    denied(r, repository);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw InProcessRegistry.failure("HEAD blob " + repository + "@" + digest, r);
    }
    if (index.linkedBlobSize(repository, digest).isEmpty()) {
      return Optional.empty();
    }
    return objects.get(StorageLayout.blob(digest)).map(ObjectContent::stream);
  }
}

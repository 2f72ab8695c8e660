package dev.meridian.core.route;

import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.RepositoryName;

/**
 * Manifest, tag, referrer and catalog endpoints of the distribution-spec (end-3, end-7, end-8a/b,
 * end-9, end-12a/b, and {@code _catalog}). {@code reference} is the raw path segment (a tag or a
 * digest; the implementation parses it). Protocol errors are thrown as {@link
 * dev.meridian.core.error.RegistryException}.
 */
public interface ManifestRoutes {

  /** GET or HEAD {@code /v2/<name>/manifests/<reference>}. */
  HttpResponse getManifest(HttpRequest request, RepositoryName name, String reference, boolean head);

  /** PUT {@code /v2/<name>/manifests/<reference>}. */
  HttpResponse putManifest(HttpRequest request, RepositoryName name, String reference);

  /** DELETE {@code /v2/<name>/manifests/<reference>}. */
  HttpResponse deleteManifest(HttpRequest request, RepositoryName name, String reference);

  /** GET {@code /v2/<name>/tags/list}, with {@code n} and {@code last}. */
  HttpResponse listTags(HttpRequest request, RepositoryName name);

  /** GET {@code /v2/<name>/referrers/<digest>}, with {@code artifactType}. */
  HttpResponse listReferrers(HttpRequest request, RepositoryName name, String digest);

  /** GET {@code /v2/_catalog}, with {@code n} and {@code last}. */
  HttpResponse catalog(HttpRequest request);
}

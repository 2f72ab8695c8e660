package dev.meridian.core.route;

import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;

/**
 * Blob and upload endpoints of the distribution-spec (end-2, end-4a/b, end-5, end-6, end-10,
 * end-11, end-13 and upload cancel). Implementations throw {@link
 * dev.meridian.core.error.RegistryException} for protocol errors; {@link RegistryHttpApi} renders.
 */
public interface BlobRoutes {

  /** GET or HEAD {@code /v2/<name>/blobs/<digest>}, with {@code Range}. */
  HttpResponse getBlob(HttpRequest request, RepositoryName name, Digest digest, boolean head);

  /** DELETE {@code /v2/<name>/blobs/<digest>}. */
  HttpResponse deleteBlob(HttpRequest request, RepositoryName name, Digest digest);

  /** POST {@code /v2/<name>/blobs/uploads/}, incl. {@code ?digest=} and {@code ?mount=&from=}. */
  HttpResponse startUpload(HttpRequest request, RepositoryName name);

  /** PATCH {@code /v2/<name>/blobs/uploads/<id>}. */
  HttpResponse patchUpload(HttpRequest request, RepositoryName name, String sessionId);

  /** PUT {@code /v2/<name>/blobs/uploads/<id>?digest=}. */
  HttpResponse completeUpload(HttpRequest request, RepositoryName name, String sessionId);

  /** GET {@code /v2/<name>/blobs/uploads/<id>}. */
  HttpResponse uploadStatus(HttpRequest request, RepositoryName name, String sessionId);

  /** DELETE {@code /v2/<name>/blobs/uploads/<id>}. */
  HttpResponse cancelUpload(HttpRequest request, RepositoryName name, String sessionId);
}

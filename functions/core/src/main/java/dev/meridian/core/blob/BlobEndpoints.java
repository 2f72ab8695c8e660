package dev.meridian.core.blob;

import dev.meridian.core.api.BlobRoutes;
import dev.meridian.core.api.RegistrySettings;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.UploadSessionStore;
import java.time.Clock;

/** SKELETON (being implemented on a branch): blob and upload endpoints. */
public final class BlobEndpoints implements BlobRoutes {

  public BlobEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index,
      UploadSessionStore uploads, Clock clock) {}

  private static RegistryException todo() {
    return new RegistryException(OciErrorCode.UNSUPPORTED, "not implemented yet");
  }

  @Override public HttpResponse getBlob(HttpRequest r, RepositoryName n, Digest d, boolean head) { throw todo(); }
  @Override public HttpResponse deleteBlob(HttpRequest r, RepositoryName n, Digest d) { throw todo(); }
  @Override public HttpResponse startUpload(HttpRequest r, RepositoryName n) { throw todo(); }
  @Override public HttpResponse patchUpload(HttpRequest r, RepositoryName n, String id) { throw todo(); }
  @Override public HttpResponse completeUpload(HttpRequest r, RepositoryName n, String id) { throw todo(); }
  @Override public HttpResponse uploadStatus(HttpRequest r, RepositoryName n, String id) { throw todo(); }
  @Override public HttpResponse cancelUpload(HttpRequest r, RepositoryName n, String id) { throw todo(); }
}

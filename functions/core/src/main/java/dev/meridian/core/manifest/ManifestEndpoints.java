package dev.meridian.core.manifest;

import dev.meridian.core.api.ManifestRoutes;
import dev.meridian.core.api.RegistrySettings;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import java.time.Clock;

/** SKELETON (being implemented on a branch): manifest, tag, referrer and catalog endpoints. */
public final class ManifestEndpoints implements ManifestRoutes {

  public ManifestEndpoints(RegistrySettings settings, ObjectStore objects, MetadataIndex index, Clock clock) {}

  private static RegistryException todo() {
    return new RegistryException(OciErrorCode.UNSUPPORTED, "not implemented yet");
  }

  @Override public HttpResponse getManifest(HttpRequest r, RepositoryName n, String ref, boolean head) { throw todo(); }
  @Override public HttpResponse putManifest(HttpRequest r, RepositoryName n, String ref) { throw todo(); }
  @Override public HttpResponse deleteManifest(HttpRequest r, RepositoryName n, String ref) { throw todo(); }
  @Override public HttpResponse listTags(HttpRequest r, RepositoryName n) { throw todo(); }
  @Override public HttpResponse listReferrers(HttpRequest r, RepositoryName n, String d) { throw todo(); }
  @Override public HttpResponse catalog(HttpRequest r) { throw todo(); }
}

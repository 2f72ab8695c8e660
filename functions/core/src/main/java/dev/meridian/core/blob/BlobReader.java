package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Blob GET and HEAD (spec end-2). A blob is served only where its repository links it. HEAD
 * answers from the index alone. GET redirects (307) to a presigned object URL when configured and
 * the store can presign (Lambda cannot carry large bodies), else streams the object, whole (200)
 * or one range (206); an unsatisfiable range is 416 with {@code Content-Range: bytes *&#47;size}.
 */
final class BlobReader {
  private static final System.Logger LOG = System.getLogger(BlobReader.class.getName());

  private final RegistrySettings settings;
  private final ObjectStore objects;
  private final MetadataIndex index;

  BlobReader(RegistrySettings settings, ObjectStore objects, MetadataIndex index) {
    this.settings = settings;
    this.objects = objects;
    this.index = index;
  }

  HttpResponse read(RepositoryName name, Digest digest, String rangeHeader, boolean head) {
    long size = index.linkedBlobSize(name, digest).orElseThrow(() -> unknown(name, digest));
    HttpHeaders headers = new HttpHeaders()
        .set("Docker-Content-Digest", digest.toString())
        .set("Content-Type", ChunkWriter.OCTET_STREAM)
        .set("Accept-Ranges", "bytes")
        // Content-addressed, so the digest is a strong validator (spec: SHOULD support caching).
        .set("ETag", "\"" + digest + "\"");
    if (head) {
      headers.set("Content-Length", Long.toString(size));
      return new HttpResponse(200, headers, ResponseBody.empty());
    }
    String key = StorageLayout.blob(digest);
    if (settings.blobDelivery() == BlobDelivery.REDIRECT) {
      Optional<URI> url = objects.presignGet(key, settings.presignValidity());
      if (url.isPresent()) {
        // The object store answers Range itself; the client re-sends it to the new location.
        return new HttpResponse(307, new HttpHeaders()
            .set("Location", url.get().toString())
            .set("Docker-Content-Digest", digest.toString()), ResponseBody.empty());
      }
    }
    RangeRequest.Result range = RangeRequest.parse(rangeHeader, size);
    if (range instanceof RangeRequest.Unsatisfiable) {
      // No OCI code names a bad range; SIZE_INVALID is the nearest (a length that doesn't fit).
      throw new RegistryException(ErrorKind.RANGE_NOT_SATISFIABLE,
          "range " + rangeHeader + " not satisfiable for a blob of " + size + " bytes", null,
          Map.of("Content-Range", "bytes */" + size));
    }
    if (range instanceof RangeRequest.Partial partial) {
      ByteRange r = partial.range();
      ObjectContent content = objects.getRange(key, r.first(), r.last())
          .orElseThrow(() -> missingBytes(name, digest));
      headers.set("Content-Range", r.contentRange(size));
      return new HttpResponse(206, headers, ResponseBody.of(content.stream(), content.length()));
    }
    ObjectContent content = objects.get(key).orElseThrow(() -> missingBytes(name, digest));
    return new HttpResponse(200, headers, ResponseBody.of(content.stream(), content.length()));
  }

  /** DELETE (spec end-10): unlinks from the repository only; bytes are shared, GC is separate. */
  void unlink(RepositoryName name, Digest digest) {
    if (!index.unlinkBlob(name, digest)) {
      throw unknown(name, digest);
    }
  }

  private static RegistryException unknown(RepositoryName name, Digest digest) {
    return new RegistryException(ErrorKind.BLOB_UNKNOWN,
        "blob " + digest + " is unknown to repository " + name);
  }

  private static RegistryException missingBytes(RepositoryName name, Digest digest) {
    LOG.log(Level.WARNING, "index links {0} in {1} but the object store lacks it", digest, name);
    return unknown(name, digest);
  }
}

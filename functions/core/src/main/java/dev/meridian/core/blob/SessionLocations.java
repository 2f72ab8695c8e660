package dev.meridian.core.blob;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.settings.RegistrySettings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Region-sticky upload sessions (the failure is Azure/acr#588, where Traffic
 * Manager's DNS answer changed mid-push and the PATCH reached a region that had never seen the
 * session). A session lives in the region that started it — its state is in that region's table
 * and its bytes in that region's multipart upload — so every request of it must reach that
 * region.
 *
 * <p><b>Absolute Locations.</b> When the region knows its public endpoint, the {@code Location}
 * of every session response is an absolute URL to it (the spec allows absolute or relative,
 * RFC 9110 §10.2.2), so a client sends PATCH and PUT straight to the owning region whatever the
 * global name resolves to. This is the fix that works for every client: none has to follow a
 * redirect with a body.
 *
 * <p><b>Signed region.</b> With a signing key the Location also carries {@code region=<seed>}
 * and {@code sig=<HMAC>} (clients keep a Location's query and append {@code digest=}, as they do
 * for distribution's {@code _state}). A request for a session of another region that arrives here
 * anyway (a client that rebuilt a relative URL against the global endpoint) gets a 307 to the
 * owning region's URL with the same path and query. Go's HTTP client follows a 307 only when it
 * can replay the body ({@code Request.GetBody}; golang client.go {@code redirectBehavior}), which
 * streamed PATCH bodies of docker/containerd do not offer; so the redirect serves GET, DELETE and
 * body-less PUTs, and the absolute Location is what keeps chunk uploads on their region.
 *
 * <p><b>Bad signature:</b> 404 {@code BLOB_UPLOAD_UNKNOWN} — a forged or garbled token names no
 * session this registry issued, and 404 is the spec's answer for an unknown session (distribution
 * answers 400 {@code BLOB_UPLOAD_INVALID} for a bad {@code _state}; a 404 tells the client to
 * start over, which is the only way forward). A request with neither parameter is looked up here,
 * as before (session ids are random UUIDs; the signature protects the region claim, not the id).
 */
public final class SessionLocations {
  static final String REGION_PARAM = "region";
  static final String SIGNATURE_PARAM = "sig";

  private final Seed selfSeed;
  private final Map<Seed, URI> endpoints;
  private final UploadSigner signer; // null: unsigned

  private SessionLocations(Seed selfSeed, Map<Seed, URI> endpoints, UploadSigner signer) {
    this.selfSeed = selfSeed;
    this.endpoints = endpoints;
    this.signer = signer;
  }

  /** Relative, unsigned Locations (a single region, and the tests of one). */
  static SessionLocations relative() {
    return new SessionLocations(null, Map.of(), null);
  }

  public static SessionLocations of(RegistrySettings settings) {
    return new SessionLocations(settings.regionSeed(), settings.regionEndpoints(),
        settings.uploadSigningKey() == null ? null : new UploadSigner(settings.uploadSigningKey()));
  }

  /** The {@code Location} of session {@code id}: absolute when the endpoint is known, signed. */
  String session(RepositoryName name, String id) {
    return base(selfSeed) + UploadLocation.session(name, id) + query(name, id);
  }

  /**
   * Where a request for session {@code id} is served: empty = here; a 307 response when the
   * signed region is a peer; {@code BLOB_UPLOAD_UNKNOWN} for a bad signature or an unknown region.
   */
  Optional<HttpResponse> elsewhere(HttpRequest request, RepositoryName name, String id) {
    String regionText = request.query(REGION_PARAM);
    String signature = request.query(SIGNATURE_PARAM);
    if (signer == null || (regionText == null && signature == null)) {
      return Optional.empty();
    }
    Seed region = Seed.isValid(regionText) ? new Seed(regionText) : null;
    if (region == null || signature == null || !signer.verify(region, name, id, signature)) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_UNKNOWN,
          "upload " + id + ": the Location's region signature is invalid");
    }
    if (region.equals(selfSeed)) {
      return Optional.empty();
    }
    URI owner = endpoints.get(region);
    if (owner == null) {
      throw new RegistryException(ErrorKind.BLOB_UPLOAD_UNKNOWN,
          "upload " + id + " belongs to region " + region + ", whose endpoint is unknown here");
    }
    return Optional.of(HttpResponse.of(307).header("Location", strip(owner)
        + UploadLocation.session(name, id) + "?" + request.rawQuery()));
  }

  private String base(Seed seed) {
    URI endpoint = seed == null ? null : endpoints.get(seed);
    return endpoint == null ? "" : strip(endpoint);
  }

  private String query(RepositoryName name, String id) {
    if (signer == null) {
      return "";
    }
    return "?" + REGION_PARAM + "=" + selfSeed + "&" + SIGNATURE_PARAM + "="
        + signer.sign(selfSeed, name, id);
  }

  private static String strip(URI endpoint) {
    String s = endpoint.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}

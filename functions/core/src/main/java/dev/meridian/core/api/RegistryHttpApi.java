package dev.meridian.core.api;

import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.OciErrorRenderer;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.DuplicateQueryParameterException;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.LogText;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.route.BlobRoutes;
import dev.meridian.core.route.ManifestRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RouteTable;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OCI distribution-spec v1.1 HTTP API: matches a request to its endpoint, calls the route,
 * and renders every failure as an OCI error body. It never throws.
 *
 * <p>Repository names contain slashes, so each pattern matches the name greedily and the
 * endpoint suffix last ({@code /v2/a/blobs/b/blobs/sha256:…} is blob {@code sha256:…} of
 * repository {@code a/blobs/b}), as CNCF distribution's router does.
 */
public final class RegistryHttpApi implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(RegistryHttpApi.class.getName());
  private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]*)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
  private static final Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/([^/]+)");
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
  /** The liveness endpoint ({@code GET /healthz}), open to anyone. */
  public static final String HEALTH_PATH = "/healthz";
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  private final BlobRoutes blobs;
  private final ManifestRoutes manifests;
  private final RouteTable routes;
  private final Function<HttpRequest, Access> gate;

  /**
   * An open registry (tests of the API itself): every caller may do everything; {@code routes}
   * is Meridian's own API under {@code /meridian/v1/} (empty: those paths are unknown).
   */
  public RegistryHttpApi(BlobRoutes blobs, ManifestRoutes manifests, List<Route> routes) {
    this.blobs = blobs;
    this.manifests = manifests;
    this.routes = RouteTable.of(routes);
    this.gate = request -> Access.OPEN;
  }

  /**
   * With access control: every request is authenticated and each route checks what it needs
   * (docs/security.md has the table); the token endpoint and account routes of {@code auth} join
   * {@code routes}.
   */
  public RegistryHttpApi(BlobRoutes blobs, ManifestRoutes manifests, List<Route> routes,
      RegistryAuth auth) {
    this.blobs = blobs;
    this.manifests = manifests;
    this.routes = RouteTable.of(Stream.concat(auth.routes().stream(), routes.stream()).toList());
    this.gate = request -> new Access(auth.check(request));
  }

  /** Meridian's own API as this registry serves it (the route table's test lists it). */
  public RouteTable routes() {
    return routes;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    try {
      HttpResponse response = route(request);
      response.headers().set("Docker-Distribution-API-Version", "registry/2.0");
      return response;
    } catch (DuplicateQueryParameterException e) {
      // A digest has its own code; any other parameter is a request the API does not support.
      ErrorKind kind = e.parameter().equals("digest") ? ErrorKind.DIGEST_INVALID
          : ErrorKind.INVALID_INPUT;
      return refused(request, new RegistryException(kind, e.getMessage()));
    } catch (RegistryException e) {
      return refused(request, e);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, LogText.escape(request.method() + " " + request.path()) + " failed", e);
      return errorResponse(ErrorKind.INTERNAL.because("internal error: " + e.getClass().getSimpleName()), request.method());
    }
  }

  /** One log line per refused request, every client-chosen value escaped (LogText). */
  private static HttpResponse refused(HttpRequest request, RegistryException e) {
    LOG.log(Level.INFO, "{0} {1} -> {2} {3}: {4}", LogText.escape(request.method()),
        LogText.escape(request.path()), e.status(), e.code(), LogText.escape(e.getMessage()));
    return errorResponse(e, request.method());
  }

  private HttpResponse route(HttpRequest r) {
    String path = r.path();
    String method = r.method();
    CallerName.clear(r); // only the gate names the caller (builds record it as a run's owner)
    if (path.equals(HEALTH_PATH)) {
      // Liveness for load balancers and Route 53 health checks: no credentials, no storage call,
      // no rate limit (a checker polls from few addresses); it says the function answers.
      requireMethod(method, "GET", "HEAD");
      return json(200, HEALTHY, method.equals("HEAD"));
    }
    if (path.startsWith(RouteTable.PREFIX) && !routes.isEmpty()) {
      return routes.handle(r, () -> gate.apply(r));
    }
    Access access = gate.apply(r);
    CallerName.set(r, access.caller()); // the request log's account and the audit log's actor
    if (path.equals("/v2/") || path.equals("/v2")) {
      requireMethod(method, "GET", "HEAD");
      access.authenticated();
      return json(200, EMPTY_JSON, method.equals("HEAD"));
    }
    if (path.equals("/v2/_catalog")) {
      requireMethod(method, "GET");
      access.permission(RegistryPermission.CATALOG);
      return manifests.catalog(r);
    }
    // Each pattern is tried only when the path holds its literal part: a match needs it, and the
    // greedy name group costs a backtracking scan per pattern tried (every pull paid for three).
    Matcher m;
    if (path.contains("/blobs/uploads/") && (m = UPLOAD.matcher(path)).matches()) {
      RepositoryName name = RepositoryName.parse(m.group(1));
      String id = m.group(2);
      if (id.isEmpty()) {
        HttpRequest checked = access.startUpload(r, name);
        requireMethod(method, "POST");
        return blobs.startUpload(checked, name);
      }
      access.push(name);
      return switch (method) {
        case "PATCH" -> blobs.patchUpload(r, name, id);
        case "PUT" -> blobs.completeUpload(r, name, id);
        case "GET" -> blobs.uploadStatus(r, name, id);
        case "DELETE" -> blobs.cancelUpload(r, name, id);
        default -> throw unsupported(method);
      };
    }
    if (path.contains("/blobs/") && (m = BLOB.matcher(path)).matches()) {
      RepositoryName name = RepositoryName.parse(m.group(1));
      Digest digest = Digest.parse(m.group(2));
      access.forMethod(method, name);
      return switch (method) {
        case "GET" -> blobs.getBlob(r, name, digest, false);
        case "HEAD" -> blobs.getBlob(r, name, digest, true);
        case "DELETE" -> blobs.deleteBlob(r, name, digest);
        default -> throw unsupported(method);
      };
    }
    if (path.contains("/manifests/") && (m = MANIFEST.matcher(path)).matches()) {
      RepositoryName name = RepositoryName.parse(m.group(1));
      String reference = m.group(2);
      access.forMethod(method, name);
      return switch (method) {
        case "GET" -> manifests.getManifest(r, name, reference, false);
        case "HEAD" -> manifests.getManifest(r, name, reference, true);
        case "PUT" -> manifests.putManifest(r, name, reference);
        case "DELETE" -> manifests.deleteManifest(r, name, reference);
        default -> throw unsupported(method);
      };
    }
    if (path.endsWith("/tags/list") && (m = TAGS.matcher(path)).matches()) {
      requireMethod(method, "GET");
      RepositoryName name = RepositoryName.parse(m.group(1));
      access.pull(name);
      return manifests.listTags(r, name);
    }
    if (path.contains("/referrers/") && (m = REFERRERS.matcher(path)).matches()) {
      requireMethod(method, "GET");
      RepositoryName name = RepositoryName.parse(m.group(1));
      access.pull(name);
      return manifests.listReferrers(r, name, m.group(2));
    }
    throw ErrorKind.NOT_FOUND.because("no such endpoint: " + path);
  }

  private static void requireMethod(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw unsupported(method);
  }

  private static RegistryException unsupported(String method) {
    return ErrorKind.METHOD_NOT_ALLOWED.because("method not allowed: " + method);
  }

  /** Renders an OCI error; HEAD responses carry no body (RFC 9110 §9.3.2). */
  public static HttpResponse errorResponse(RegistryException e, String method) {
    HttpHeaders headers = new HttpHeaders();
    e.headers().forEach(headers::set);
    headers.set("Docker-Distribution-API-Version", "registry/2.0");
    return json(e.status(), OciErrorRenderer.render(e), "HEAD".equals(method), headers);
  }

  private static HttpResponse json(int status, byte[] body, boolean head) {
    return json(status, body, head, new HttpHeaders());
  }

  private static HttpResponse json(int status, byte[] body, boolean head, HttpHeaders headers) {
    headers.set("Content-Type", "application/json");
    if (head) {
      headers.set("Content-Length", Long.toString(body.length));
      return new HttpResponse(status, headers, ResponseBody.empty());
    }
    return new HttpResponse(status, headers, ResponseBody.of(body));
  }
}

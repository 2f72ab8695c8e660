package dev.meridian.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;
import java.lang.System.Logger.Level;

/**
 * {@code GET /readyz}: whether this region can serve, i.e. its bucket and its table answer — the
 * readiness probe of Kubernetes and of load balancers, next to {@code /healthz}'s liveness (which
 * never touches storage). One HEAD of an object that need not exist and one GetItem of an item
 * that need not exist: an absent answer is an answer; only a failure (unreachable, denied,
 * throttled) is "down". No credentials, as {@code /healthz}; the answer names the failing part
 * and the exception's type, never its message (which may carry endpoints or keys). 200 when both
 * answer, else 503; other methods 405. Every other request goes to {@code api}.
 */
public final class Readiness implements HttpHandler {
  public static final String PATH = "/readyz";
  private static final System.Logger LOG = System.getLogger(Readiness.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBE_KEY = "_readyz";
  private static final Digest PROBE_DIGEST = Digest.parse("sha256:" + "0".repeat(64));

  private final HttpHandler api;
  private final ObjectStore objects;
  private final MetadataIndex index;

  public Readiness(HttpHandler api, ObjectStore objects, MetadataIndex index) {
    this.api = api;
    this.objects = objects;
    this.index = index;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.path().equals(PATH)) {
      return api.handle(request);
    }
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return RegistryHttpApi.errorResponse(ErrorKind.METHOD_NOT_ALLOWED.because("method not allowed: " + request.method()), request.method());
    }
    ObjectNode body = JSON.createObjectNode();
    ObjectNode checks = body.putObject("checks");
    boolean up = check(checks, "storage", () -> objects.head(PROBE_KEY))
        & check(checks, "table", () -> index.getBlob(PROBE_DIGEST));
    body.put("status", up ? "ready" : "not ready");
    byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders().set("Content-Type", "application/json")
        .set("Cache-Control", "no-store")
        .set("Docker-Distribution-API-Version", "registry/2.0");
    if (request.method().equals("HEAD")) {
      headers.set("Content-Length", Long.toString(bytes.length));
      return new HttpResponse(up ? 200 : 503, headers, ResponseBody.empty());
    }
    return new HttpResponse(up ? 200 : 503, headers, ResponseBody.of(bytes));
  }

  private static boolean check(ObjectNode checks, String name, Runnable probe) {
    long start = System.nanoTime();
    ObjectNode c = checks.putObject(name);
    try {
      probe.run();
      c.put("status", "up");
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "readiness: " + name + " is down: " + e);
      c.put("status", "down").put("error", e.getClass().getSimpleName());
      return false;
    } finally {
      c.put("millis", (System.nanoTime() - start) / 1_000_000);
    }
  }
}

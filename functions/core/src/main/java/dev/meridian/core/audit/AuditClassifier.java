package dev.meridian.core.audit;

import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides from a finished request whether it is an audit event and which. Deliberately generic
 * at the admin API's edge: every request under {@code /meridian/v1/} that is not a read is
 * recorded with its route and outcome, so an admin endpoint added later (locks, retention…) is
 * audited without touching this class. On the registry API: pushes, deletes, sampled pulls,
 * refusals; sign-ins at the token endpoint (granted or failed) and wrong Basic credentials
 * anywhere. A client's first anonymous request is answered 401 by design (the challenge), so
 * a 401 to a request without credentials is not an event.
 */
public final class AuditClassifier {
  /** A sampled successful manifest pull: the one action written in the background. */
  public static final String PULL = "image.pull";
  private static final String ADMIN_PREFIX = "/meridian/v1/";
  private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/[^/]*");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

  private final double pullSampleRate;
  private final DoubleSupplier random;

  /** {@code random}: uniform in [0, 1), decides which pulls are sampled. */
  public AuditClassifier(double pullSampleRate, DoubleSupplier random) {
    this.pullSampleRate = pullSampleRate;
    this.random = random;
  }

  public Optional<AuditEntry> classify(HttpRequest request, int status, String digest) {
    String path = request.path();
    String method = request.method();
    if (path.equals(AccessGate.TOKEN_PATH)) {
      // Anonymous tokens (public pulls) are as frequent as those pulls: not sign-ins.
      return actor(request).isEmpty() ? Optional.empty() : Optional.of(signIn(request, status));
    }
    if (status == 401 && request.header("Authorization") == null) {
      return Optional.empty();
    }
    if (status == 401 && basicName(request) != null) {
      return Optional.of(entry(request, "signin.failure", status, "", "", "",
          method + " " + path));
    }
    if (path.startsWith(ADMIN_PREFIX)) {
      return adminChange(request, status, path.substring(ADMIN_PREFIX.length()));
    }
    return registry(request, status, digest);
  }

  private AuditEntry signIn(HttpRequest request, int status) {
    String action = status == 200 ? "token.grant"
        : status == 401 ? "signin.failure" : status == 429 ? "signin.throttled" : "token.refused";
    String scope = String.join(" ", request.queryParameters().getOrDefault("scope",
        java.util.List.of()));
    return entry(request, action, status, "", "", "", scope.isEmpty() ? "" : "scope " + scope);
  }

  private Optional<AuditEntry> adminChange(HttpRequest request, int status, String route) {
    String method = request.method();
    if (method.equals("GET") || method.equals("HEAD")) {
      return status == 403 ? Optional.of(entry(request, "access.denied", status, "", "", "",
          method + " " + request.path())) : Optional.empty();
    }
    int slash = route.indexOf('/');
    String area = slash < 0 ? route : route.substring(0, slash);
    return Optional.of(entry(request, "admin." + (area.isEmpty() ? "root" : area), status, "", "",
        "", method + " " + request.path()));
  }

  private Optional<AuditEntry> registry(HttpRequest request, int status, String digest) {
    String path = request.path();
    String method = request.method();
    if (UPLOAD.matcher(path).matches()) {
      return status == 403 ? denied(request, status, null) : Optional.empty();
    }
    Matcher m = MANIFEST.matcher(path);
    if (m.matches()) {
      String action = switch (method) {
        case "PUT" -> "image.push";
        case "DELETE" -> "image.delete";
        case "GET" -> status == 200 && random.getAsDouble() < pullSampleRate ? PULL
            : status == 403 ? "access.denied" : null;
        default -> status == 403 ? "access.denied" : null;
      };
      return Optional.ofNullable(action).map(a -> entry(request, a, status, m.group(1),
          m.group(2), digestOf(m.group(2), digest), ""));
    }
    Matcher b = BLOB.matcher(path);
    if (b.matches()) {
      if (method.equals("DELETE")) {
        return Optional.of(entry(request, "blob.delete", status, b.group(1), "", b.group(2), ""));
      }
      return status == 403 ? denied(request, status, b.group(1)) : Optional.empty();
    }
    return status == 403 ? denied(request, status, null) : Optional.empty();
  }

  private Optional<AuditEntry> denied(HttpRequest request, int status, String repository) {
    return Optional.of(entry(request, "access.denied", status, repository, "", "",
        request.method() + " " + request.path()));
  }

  private static String digestOf(String reference, String responseDigest) {
    if (responseDigest != null && !responseDigest.isEmpty()) {
      return responseDigest;
    }
    return reference.contains(":") ? reference : "";
  }

  private static AuditEntry entry(HttpRequest request, String action, int status,
      String repository, String reference, String digest, String detail) {
    return new AuditEntry(actor(request), action, status, AccessGate.clientAddress(request),
        repository, reference, digest, detail);
  }

  /**
   * The authenticated caller the gate named; else the name a failed sign-in claimed (Basic, or
   * the token endpoint's form), so failed attempts say whom they were made for.
   */
  static String actor(HttpRequest request) {
    String caller = CallerName.of(request);
    if (!caller.isEmpty()) {
      return caller;
    }
    String claimed = basicName(request);
    if (claimed != null) {
      return claimed;
    }
    String attempted = request.header(CallerName.ATTEMPTED_HEADER);
    return attempted == null ? "" : attempted;
  }

  private static String basicName(HttpRequest request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

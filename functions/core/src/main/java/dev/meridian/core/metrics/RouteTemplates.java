package dev.meridian.core.metrics;

import java.util.regex.Pattern;

/**
 * A request path as its route template ({@code /v2/<name>/manifests/<reference>}), so metrics and
 * logs group requests by endpoint without a label per repository, tag or digest (unbounded label
 * values would grow the Prometheus series without end). Matches as {@code RegistryHttpApi} routes.
 */
public final class RouteTemplates {
  // DOTALL: a name holding a (percent-encoded) line break is still a request to that endpoint,
  // refused there as NAME_INVALID; without it such requests were all counted as "other".
  private static final Pattern UPLOAD = route("/v2/.+/blobs/uploads/[^/]+");
  private static final Pattern UPLOADS = route("/v2/.+/blobs/uploads/");
  private static final Pattern BLOB = route("/v2/.+/blobs/[^/]+");
  private static final Pattern MANIFEST = route("/v2/.+/manifests/[^/]+");
  private static final Pattern TAGS = route("/v2/.+/tags/list");
  private static final Pattern REFERRERS = route("/v2/.+/referrers/[^/]+");
  private static final Pattern ADMIN = Pattern.compile("/meridian/v1/([a-z-]+)(/.*)?");

  private RouteTemplates() {}

  private static Pattern route(String regex) {
    return Pattern.compile(regex, Pattern.DOTALL);
  }

  public static String of(String path) {
    if (path == null) {
      return "other";
    }
    switch (path) {
      case "/v2/", "/v2", "/v2/_catalog", "/healthz", "/readyz", "/metrics", "/token",
          "/v2/token" -> {
        return path;
      }
      default -> { }
    }
    // A pattern is tried only when the path holds its literal part (a match needs it): the
    // greedy name group makes each try a backtracking scan, and this runs for every request.
    boolean blobs = path.contains("/blobs/");
    if (blobs && path.contains("/blobs/uploads/")) {
      if (UPLOADS.matcher(path).matches()) {
        return "/v2/<name>/blobs/uploads/";
      }
      if (UPLOAD.matcher(path).matches()) {
        return "/v2/<name>/blobs/uploads/<id>";
      }
    }
    if (blobs && BLOB.matcher(path).matches()) {
      return "/v2/<name>/blobs/<digest>";
    }
    if (path.contains("/manifests/") && MANIFEST.matcher(path).matches()) {
      return "/v2/<name>/manifests/<reference>";
    }
    if (path.endsWith("/tags/list") && TAGS.matcher(path).matches()) {
      return "/v2/<name>/tags/list";
    }
    if (path.contains("/referrers/") && REFERRERS.matcher(path).matches()) {
      return "/v2/<name>/referrers/<digest>";
    }
    var admin = ADMIN.matcher(path);
    if (admin.matches()) {
      return "/meridian/v1/" + admin.group(1) + (admin.group(2) == null ? "" : "/...");
    }
    if (path.startsWith("/ui/") || path.equals("/ui")) {
      return "/ui/...";
    }
    return "other";
  }
}

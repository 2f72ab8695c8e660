package dev.meridian.app.console;

import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;

/**
 * The web console at {@code /ui/} (docs/console.md): static assets from the jar ({@link
 * ConsoleAssets}) and {@code /ui/api/blob}, which hands the console a small blob (an image
 * config) through the registry's own pull route; every other path goes to the registry API.
 * The console signs in with the registry's accounts through the token endpoint; nothing here
 * grants access by itself.
 */
public final class ConsoleHandler implements HttpHandler {
  public static final String PREFIX = "/ui";

  private final HttpHandler api;
  private final ConsoleAssets assets;
  private final ConsoleBlobs blobs;

  public ConsoleHandler(HttpHandler api) {
    this.api = api;
    this.assets = new ConsoleAssets();
    this.blobs = new ConsoleBlobs(api);
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    String path = request.path();
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return api.handle(request);
    }
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return ConsoleAssets.plain(405, "method not allowed").header("Allow", "GET, HEAD");
    }
    if (path.equals(PREFIX)) {
      // Relative URLs in the page resolve against /ui/, so the bare prefix redirects there.
      return new HttpResponse(308, new HttpHeaders().set("Location", PREFIX + "/"),
          ResponseBody.empty());
    }
    String name = path.substring(PREFIX.length() + 1);
    HttpResponse response = name.equals("api/blob") ? blobs.fetch(request)
        : assets.serve(name.isEmpty() ? "index.html" : name, method.equals("HEAD"));
    return SecurityHeaders.apply(response);
  }
}

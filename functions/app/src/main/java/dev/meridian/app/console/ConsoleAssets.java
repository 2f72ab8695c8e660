package dev.meridian.app.console;

import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, read once from the jar ({@code meridian-console/} on the classpath) and
 * kept in memory: a few tens of kilobytes of plain HTML, CSS and ES modules, no build step.
 * Names are checked against a strict pattern before any lookup, so no path can leave the folder.
 */
final class ConsoleAssets {
  private static final String ROOT = "meridian-console/";
  private static final Pattern NAME = Pattern.compile("([a-z0-9-]+/)*[a-z0-9-]+\\.[a-z]{2,4}");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json");

  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  HttpResponse serve(String name, boolean head) {
    String extension = name.substring(name.lastIndexOf('.') + 1);
    if (!NAME.matcher(name).matches() || !TYPES.containsKey(extension)) {
      return plain(404, "not found");
    }
    Optional<byte[]> bytes = cache.computeIfAbsent(name, ConsoleAssets::load);
    if (bytes.isEmpty()) {
      return plain(404, "not found");
    }
    HttpHeaders headers = new HttpHeaders()
        .set("Content-Type", TYPES.get(extension))
        // Small files; revalidating keeps a browser from mixing two versions' modules.
        .set("Cache-Control", "no-cache");
    if (head) {
      headers.set("Content-Length", Integer.toString(bytes.get().length));
      return new HttpResponse(200, headers, ResponseBody.empty());
    }
    return new HttpResponse(200, headers, ResponseBody.of(bytes.get()));
  }

  private static Optional<byte[]> load(String name) {
    try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read console asset " + name, e);
    }
  }

  static HttpResponse plain(int status, String text) {
    return new HttpResponse(status, new HttpHeaders()
        .set("Content-Type", "text/plain; charset=utf-8"),
        ResponseBody.of(text.getBytes(StandardCharsets.UTF_8)));
  }
}

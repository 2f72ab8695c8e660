package dev.meridian.core.http;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as every runtime hands it to Meridian: the local front, the Lambda adapter
 * and tests all build this. The body is a stream so that a 1 GiB layer never sits in memory.
 *
 * @param method upper-case method
 * @param path the decoded path, starting with {@code /}
 * @param rawQuery the query string without {@code ?}, still percent-encoded, or empty
 * @param headers request headers
 * @param body the body; an empty stream when there is none
 * @param contentLength the body length from {@code Content-Length}, or -1 when unknown (chunked)
 * @param host the host (and port) the client addressed, used to build absolute URLs
 * @param scheme {@code http} or {@code https}
 */
public record HttpRequest(
    String method,
    String path,
    String rawQuery,
    HttpHeaders headers,
    InputStream body,
    long contentLength,
    String host,
    String scheme) {

  public HttpRequest {
    rawQuery = rawQuery == null ? "" : rawQuery;
    body = body == null ? InputStream.nullInputStream() : body;
  }

  /** Query parameters, decoded, in order; a name without {@code =} has the value "". */
  public Map<String, List<String>> queryParameters() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    List<String> values = queryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String header(String name) {
    return headers.first(name);
  }

  /** {@code scheme://host}, for absolute URLs in {@code Location} and {@code Link}. */
  public String baseUrl() {
    return scheme + "://" + host;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}

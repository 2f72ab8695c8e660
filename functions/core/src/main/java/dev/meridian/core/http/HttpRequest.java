package dev.meridian.core.http;

import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * Query parameters, decoded, in order; a name without {@code =} has the value "". This is the
   * one decoder of the query: every reader (access checks, routes, signatures) goes through it,
   * so {@code %6dount=} means {@code mount=} to all of them alike. Names and values are
   * decoded as {@code application/x-www-form-urlencoded} ({@code +} is a space), as Go's {@code
   * url.ParseQuery} does for CNCF distribution.
   */
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

  /**
   * The value of a single-valued query parameter, or null when absent.
   *
   * @throws DuplicateQueryParameterException when it is given more than once
   */
  public String query(String name) {
    List<String> values = queryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new DuplicateQueryParameterException(name);
    }
    return values.get(0);
  }

  /**
   * This request without the named query parameters, however they were spelled: the remaining
   * ones are re-encoded from {@link #queryParameters}, so what is removed is decided by the same
   * decoder every reader uses.
   */
  public HttpRequest withoutQueryParameters(Set<String> names) {
    StringBuilder query = new StringBuilder();
    queryParameters().forEach((name, values) -> {
      if (names.contains(name)) {
        return;
      }
      for (String value : values) {
        query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=')
            .append(encode(value));
      }
    });
    return new HttpRequest(method, path, query.toString(), headers, body, contentLength, host,
        scheme);
  }

  public String header(String name) {
    return headers.first(name);
  }

  /** {@code scheme://host}, for absolute URLs in {@code Location} and {@code Link}. */
  public String baseUrl() {
    return scheme + "://" + host;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}

package dev.meridian.local.runtime;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates between the JDK server's {@link HttpExchange} and Meridian's HTTP types, streaming
 * both ways.
 *
 * <p>Observed JDK 17 behaviour this relies on ({@code sun.net.httpserver.ExchangeImpl}): the
 * request body stream is already de-chunked; {@code sendResponseHeaders(code, n)} means n bytes
 * for n &gt; 0, chunked for 0 and no body (with {@code Content-length: 0}) for -1; for HEAD it
 * writes no body and leaves a {@code Content-Length} set in the headers untouched ({@code
 * ExchangeAdapterTest} checks this); for 1xx, 204 and 304 it never sends a body.
 */
final class ExchangeAdapter {

  private ExchangeAdapter() {}

  static HttpRequest toRequest(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    Headers in = exchange.getRequestHeaders();
    HttpHeaders headers = new HttpHeaders();
    in.forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
    String host = in.getFirst("Host");
    if (host == null || host.isBlank()) {
      host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
    }
    return new HttpRequest(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath(),
        uri.getRawQuery(),
        headers,
        exchange.getRequestBody(),
        contentLength(in),
        host,
        "http");
  }

  /** The declared body length; -1 when chunked, 0 when the request declares no body. */
  static long contentLength(Headers in) {
    String te = in.getFirst("Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      return -1;
    }
    String cl = in.getFirst("Content-Length");
    if (cl == null) {
      return 0;
    }
    try {
      return Long.parseLong(cl.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Sends {@code response}; an IOException means the client went away mid-response. */
  static void send(HttpExchange exchange, String method, HttpResponse response) throws IOException {
    int status = response.status();
    ResponseBody body = response.body();
    boolean head = "HEAD".equals(method);
    boolean bodiless = head || status == 204 || status == 304 || (status >= 100 && status < 200);
    Headers out = exchange.getResponseHeaders();
    for (Map.Entry<String, List<String>> h : response.headers().asMap().entrySet()) {
      // For HEAD the handler's Content-Length is the truth (HttpResponse javadoc); otherwise the
      // body's length is, and the JDK server writes it.
      if (head || !h.getKey().equalsIgnoreCase("Content-Length")) {
        out.put(h.getKey(), new ArrayList<>(h.getValue()));
      }
    }
    if (bodiless) {
      body.discard();
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    long length = body.length();
    if (length == 0) {
      body.discard();
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length < 0 ? 0 : length);
    try (OutputStream os = exchange.getResponseBody()) {
      body.writeTo(os);
    }
  }
}

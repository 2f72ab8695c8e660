package dev.meridian.local.runtime;

import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * Translates between Jetty's request/response and Meridian's HTTP types, streaming both ways.
 *
 * <p>Observed Jetty 12.1 behaviour this relies on: the request content is already de-chunked; a
 * {@code Content-Length} set by the application on a HEAD response is sent as it is with no body
 * ({@code HttpFrontTest} checks this on the raw socket); for 204 and 304 no body is sent.
 */
final class ExchangeAdapter {

  private ExchangeAdapter() {}

  /** {@code request} with {@code body} as its body (the request's content, possibly wrapped). */
  static HttpRequest toRequest(Request request, InputStream body) {
    HttpHeaders headers = new HttpHeaders();
    for (HttpField field : request.getHeaders()) {
      headers.add(field.getName(), field.getValue());
    }
    // The address the rate limiter keys anonymous callers by: the connection's, never the
    // client's say (a client-sent value is dropped).
    headers.remove(AccessGate.CLIENT_ADDRESS);
    headers.set(AccessGate.CLIENT_ADDRESS, Request.getRemoteAddr(request));
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null || host.isBlank()) {
      host = "127.0.0.1:" + Request.getLocalPort(request);
    }
    String rawPath = request.getHttpURI().getPath();
    return new HttpRequest(
        request.getMethod().toUpperCase(Locale.ROOT),
        rawPath == null || rawPath.isEmpty() ? "/" : decodePath(rawPath),
        request.getHttpURI().getQuery(),
        headers,
        body,
        contentLength(request.getHeaders()),
        host,
        "http");
  }

  /** The declared body length; -1 when chunked, 0 when the request declares no body. */
  static long contentLength(HttpFields in) {
    String te = in.get(HttpHeader.TRANSFER_ENCODING);
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      return -1;
    }
    String cl = in.get(HttpHeader.CONTENT_LENGTH);
    if (cl == null) {
      return 0;
    }
    try {
      return Long.parseLong(cl.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Percent-decodes a path without normalizing it ({@code ..} stays, so the router can refuse it)
   * and without turning {@code +} into a space (that is a query-string rule, not a path rule).
   * A malformed escape is kept literally; the router's grammars then refuse the segment.
   */
  static String decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()
          && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
        out.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** Sends {@code response}; an IOException means the client went away mid-response. */
  static void send(Response jetty, String method, HttpResponse response) throws IOException {
    int status = response.status();
    ResponseBody body = response.body();
    boolean head = "HEAD".equals(method);
    boolean bodiless = head || status == 204 || status == 304 || (status >= 100 && status < 200);
    jetty.setStatus(status);
    HttpFields.Mutable out = jetty.getHeaders();
    for (Map.Entry<String, List<String>> h : response.headers().asMap().entrySet()) {
      // For HEAD the handler's Content-Length is the truth (HttpResponse javadoc); otherwise the
      // body's length is.
      if (head || !h.getKey().equalsIgnoreCase("Content-Length")) {
        out.put(h.getKey(), h.getValue());
      }
    }
    if (bodiless) {
      body.discard();
      return;
    }
    long length = body.length();
    if (length >= 0) {
      out.put(HttpHeader.CONTENT_LENGTH, length);
    }
    if (length == 0) {
      body.discard();
      return;
    }
    byte[] whole = body.inMemory();
    if (whole != null) { // one write that also ends the response, no stream to open and close
      try (Blocker.Callback written = Blocker.callback()) {
        jetty.write(true, ByteBuffer.wrap(whole), written);
        written.block();
      }
      return;
    }
    try (OutputStream os = Content.Sink.asOutputStream(jetty)) {
      body.writeTo(os);
    }
  }
}

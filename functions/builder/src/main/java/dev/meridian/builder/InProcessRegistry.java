package dev.meridian.builder;

import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Sends distribution-spec requests to a region's own {@link HttpHandler}, in-process. */
final class InProcessRegistry {
  private final HttpHandler api;
  private final String host;
  private final String userAgent;

  InProcessRegistry(HttpHandler api, String host, String userAgent) {
    this.api = api;
    this.host = host;
    this.userAgent = userAgent;
  }

  HttpResponse send(String method, String path, String query, HttpHeaders headers,
      InputStream body, long length) {
    headers.set("User-Agent", userAgent);
    return api.handle(new HttpRequest(method, path, query, headers, body, length, host, "http"));
  }

  HttpResponse send(String method, String path, String query) {
    return send(method, path, query, new HttpHeaders(), InputStream.nullInputStream(), 0);
  }

  static byte[] body(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().writeTo(out);
    } catch (IOException e) {
      throw new RegistryAccessException("cannot read registry response", e);
    }
    return out.toByteArray();
  }

  static RegistryAccessException failure(String what, HttpResponse response) {
    String text = new String(body(response), StandardCharsets.UTF_8);
    return new RegistryAccessException(what + ": HTTP " + response.status()
        + (text.isBlank() ? "" : " " + text));
  }
}

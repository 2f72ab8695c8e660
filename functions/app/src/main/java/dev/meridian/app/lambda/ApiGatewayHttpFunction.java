package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Lambda face of an HTTP function ({@code pull} or {@code push}): an API Gateway HTTP API
 * (payload format 2.0) event in, a response with a base64 body out. Typed events, not {@code
 * Message<byte[]>}: on Lambda the latter receives the raw event and corrupts binary responses
 * (measured, docs/architecture.md "Measured facts"), while this round-trips bytes exactly.
 *
 * <p>Like every HTTP-facing function it never throws: a body above {@link LambdaLimits} is
 * refused with {@code 413 SIZE_INVALID} saying how to push large layers, a body that is not
 * base64 with {@code 400}, anything unexpected with the registry's own 500 rendering.
 */
public final class ApiGatewayHttpFunction
    implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
  static final String CHUNK_HEADER = "OCI-Chunk-Min-Length";
  static final String CHUNK_MAX_HEADER = "OCI-Chunk-Max-Length";

  private final Function<HttpRequest, HttpResponse> function;
  private final String region;

  public ApiGatewayHttpFunction(Function<HttpRequest, HttpResponse> function) {
    this(function, "");
  }

  /** @param region this function's region, for its request log line and metrics */
  public ApiGatewayHttpFunction(Function<HttpRequest, HttpResponse> function, String region) {
    this.function = function;
    this.region = region;
  }

  @Override
  public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
    long start = System.nanoTime();
    String method = method(event);
    HttpRequest request = null;
    HttpResponse out;
    try {
      request = request(event, method);
      out = function.apply(request);
    } catch (RegistryException e) {
      out = RegistryHttpApi.errorResponse(e, method);
    } catch (RuntimeException e) {
      // e.g. the S3 stream of a streamed body broke while it was being read into the response
      out = RegistryHttpApi.errorResponse(new RegistryException(
          ErrorKind.INTERNAL, "internal error: " + e.getClass().getSimpleName()),
          method);
    }
    APIGatewayV2HTTPResponse response;
    try {
      response = response(out, method);
    } catch (RuntimeException e) {
      out = RegistryHttpApi.errorResponse(new RegistryException(
          ErrorKind.INTERNAL, "internal error: " + e.getClass().getSimpleName()),
          method);
      response = response(out, method);
    }
    LambdaRequests.served(region, request, method, event.getRawPath(), out, start);
    return response;
  }

  static HttpRequest request(APIGatewayV2HTTPEvent event, String method) {
    HttpHeaders headers = new HttpHeaders();
    if (event.getHeaders() != null) {
      event.getHeaders().forEach(headers::add);
    }
    if (event.getCookies() != null && !event.getCookies().isEmpty()) {
      headers.set("Cookie", String.join("; ", event.getCookies()));
    }
    byte[] body = body(event);
    if (BODY_METHODS.contains(method)) {
      checkSize(body.length, headers.first("Content-Length"));
    }
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    // The address rate limits and failed sign-ins count against is the one API Gateway saw the
    // TCP connection from; a client-sent header of that name would let anyone pick a fresh
    // address per request (docs/security.md "Rate limits").
    headers.remove(AccessGate.CLIENT_ADDRESS);
    if (context != null && context.getHttp() != null && context.getHttp().getSourceIp() != null) {
      headers.set(AccessGate.CLIENT_ADDRESS, context.getHttp().getSourceIp());
    }
    String host = context != null && context.getDomainName() != null
        ? context.getDomainName() : headers.first("Host");
    String scheme = headers.first("X-Forwarded-Proto") == null
        ? "https" : headers.first("X-Forwarded-Proto");
    return new HttpRequest(method, PercentDecoding.path(event.getRawPath()),
        event.getRawQueryString(), headers, new ByteArrayInputStream(body), body.length, host,
        scheme);
  }

  private static String method(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null) {
      return context.getHttp().getMethod().toUpperCase(java.util.Locale.ROOT);
    }
    String routeKey = event.getRouteKey() == null ? "" : event.getRouteKey();
    int space = routeKey.indexOf(' ');
    return space > 0 ? routeKey.substring(0, space).toUpperCase(java.util.Locale.ROOT) : "GET";
  }

  private static byte[] body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null || body.isEmpty()) {
      return new byte[0];
    }
    if (!event.getIsBase64Encoded()) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(ErrorKind.INVALID_INPUT,
          "the request body is marked base64 but is not: " + e.getMessage());
    }
  }

  private static void checkSize(long bytes, String declared) {
    long length = bytes;
    if (declared != null) {
      try {
        length = Math.max(length, Long.parseLong(declared.trim()));
      } catch (NumberFormatException e) {
        // the decoded body's length stands
      }
    }
    if (length > LambdaLimits.MAX_REQUEST_BODY_BYTES) {
      int max = LambdaLimits.MAX_REQUEST_BODY_BYTES;
      throw new RegistryException(ErrorKind.BODY_TOO_LARGE,
          "request body of " + length + " bytes exceeds " + max + " bytes, the most this"
              + " registry's AWS Lambda endpoint accepts in one request. Two ways through: (1) a"
              + " direct-upload client such as the meridian CLI, which sends the bytes straight"
              + " to S3 (POST /v2/<name>/blobs/uploads/ with Meridian-Upload-Mode: direct,"
              + " docs/uploads.md); (2) a chunking client honouring OCI-Chunk-Min-Length and"
              + " OCI-Chunk-Max-Length (both " + max + " here): PATCH chunks of at most " + max
              + " bytes with Content-Range, then PUT ?digest=. docker push sends a whole layer in"
              + " one PATCH and cannot push layers above " + max + " bytes here (docs/aws.md)",
          Map.of("maxBytes", max, "bytes", length), Map.of());
    }
  }

  static APIGatewayV2HTTPResponse response(HttpResponse response, String method) {
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().asMap().forEach((name, values) -> headers.put(name, String.join(", ",
        values)));
    String chunk = response.headers().first(CHUNK_HEADER);
    if (chunk != null) {
      // Min = max: the one chunk size that is both accepted here and efficient for the core.
      headers.put(CHUNK_HEADER, Long.toString(LambdaLimits.CHUNK_LENGTH));
      headers.put(CHUNK_MAX_HEADER, Long.toString(LambdaLimits.MAX_REQUEST_BODY_BYTES));
    }
    byte[] body;
    if ("HEAD".equals(method)) {
      response.body().discard();
      body = new byte[0]; // the handler set Content-Length itself
    } else {
      body = bytes(response);
      headers.put("Content-Length", Integer.toString(body.length));
    }
    APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
    out.setStatusCode(response.status());
    out.setHeaders(headers);
    out.setCookies(List.of());
    out.setBody(Base64.getEncoder().encodeToString(body));
    out.setIsBase64Encoded(true);
    return out;
  }

  private static byte[] bytes(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        (int) Math.max(0, Math.min(response.body().length(), LambdaLimits.INVOCATION_PAYLOAD_BYTES)));
    try {
      response.body().writeTo(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Percent-decoding of a raw path: {@code %XX} only ({@code +} is a literal in paths). */
  static final class PercentDecoding {
    private PercentDecoding() {}

    static String path(String raw) {
      if (raw == null || raw.isEmpty()) {
        return "/";
      }
      if (raw.indexOf('%') < 0) {
        return raw;
      }
      byte[] in = raw.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
      for (int i = 0; i < in.length; i++) {
        if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
          out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
          i += 2;
        } else {
          out.write(in[i]);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
      return Character.digit((char) b, 16);
    }
  }
}

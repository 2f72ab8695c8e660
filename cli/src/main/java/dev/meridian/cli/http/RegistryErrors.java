package dev.meridian.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * Turns a failed response into the CLI's one-line error: the first OCI error
 * ({@code {"errors":[{"code","message"}]}}, docs/errors.md) when the body has one, else the status.
 */
public final class RegistryErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryErrors() {}

  public static CliException of(HttpResponse<byte[]> response, String what) {
    return of(response.statusCode(), response.body(), what);
  }

  /** A failed {@link BulkHttp} answer: its body is read here (at most 64 KiB) and the connection closed. */
  public static CliException of(BulkHttp.Response response, String what) {
    return of(response.status(), response.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), what);
  }

  public static CliException of(int status, byte[] body, String what) {
    ExitCode exit = ExitCode.ofStatus(status);
    if (body != null && body.length > 0) {
      try {
        JsonNode first = JSON.readTree(body).path("errors").path(0);
        if (first.hasNonNull("code")) {
          String message = first.path("message").asText("");
          return new CliException(exit, first.get("code").asText(),
              (message.isEmpty() ? "HTTP " + status : message) + " (" + what + ")");
        }
        JsonNode error = JSON.readTree(body).path("error");
        if (error.isTextual()) { // the token endpoint's OAuth2 shape
          return new CliException(exit, error.asText().toUpperCase(java.util.Locale.ROOT), what);
        }
      } catch (IOException notJson) {
        // fall through to the status line (an HTML page from a proxy, API Gateway's text, …)
      }
    }
    return new CliException(exit, codeOf(status), "HTTP " + status + " (" + what + ")");
  }

  /** A code for a status without a body (HEAD answers, proxies). */
  static String codeOf(int status) {
    return switch (status) {
      case 401 -> "UNAUTHORIZED";
      case 403 -> "DENIED";
      case 404 -> "NOT_FOUND";
      case 429 -> "TOOMANYREQUESTS";
      default -> status >= 500 ? "SERVER_ERROR" : "HTTP_" + status;
    };
  }
}

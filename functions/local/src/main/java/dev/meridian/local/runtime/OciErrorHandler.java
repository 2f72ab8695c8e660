package dev.meridian.local.runtime;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.OciErrorRenderer;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders the errors Jetty answers itself, before a request reaches the function (a request line
 * or headers over {@link HttpFront#MAX_REQUEST_HEADER_BYTES}: 414 or 431; a malformed request:
 * 400), as OCI error JSON instead of Jetty's HTML page, so a registry client can show the message.
 * The status stays Jetty's; the code is {@code UNSUPPORTED}, the spec's code for a request the
 * registry does not serve (none of the 14 is about HTTP framing).
 *
 * <p>Every method gets the body: Jetty's own handler writes one for GET, POST and HEAD only
 * ({@code ErrorHandler.ERROR_METHODS}), so a PATCH with two Content-Lengths or a DELETE with a
 * control character in a header got a 400 with nothing to show. A HEAD
 * answer carries the headers and no body (RFC 9110 9.3.2), which Jetty's handler also got wrong.
 */
final class OciErrorHandler extends ErrorHandler {

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int status, String message,
      Throwable cause, Callback callback) {
    byte[] body = OciErrorRenderer.render(OciErrorCode.UNSUPPORTED, describe(status, message));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("Docker-Distribution-API-Version", "registry/2.0");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    boolean head = "HEAD".equalsIgnoreCase(request.getMethod());
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
  }

  private static String describe(int status, String message) {
    return switch (status) {
      case 414 -> "request line longer than " + HttpFront.MAX_REQUEST_HEADER_BYTES + " bytes";
      case 431 -> "request line and headers longer than " + HttpFront.MAX_REQUEST_HEADER_BYTES
          + " bytes";
      default -> "bad request" + (message == null || message.isBlank() ? "" : ": " + message);
    };
  }
}

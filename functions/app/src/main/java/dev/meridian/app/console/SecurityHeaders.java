package dev.meridian.app.console;

import dev.meridian.core.http.HttpResponse;

/**
 * Headers on every console response. The CSP allows only this origin's scripts, styles and API
 * calls (no inline script or style, no eval), so injected markup cannot run or send data away;
 * the console renders untrusted strings (tags, log lines, webhook bodies) with {@code
 * textContent}, never as HTML.
 */
final class SecurityHeaders {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'";

  private SecurityHeaders() {}

  static HttpResponse apply(HttpResponse response) {
    response.headers()
        .set("Content-Security-Policy", CSP)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Cross-Origin-Opener-Policy", "same-origin");
    return response;
  }
}

package dev.meridian.core.auth;

import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The registry calling its own API in-process (a build run pulling bases and pushing results as
 * its owner, {@code dev.meridian.core.builds.OwnerAccess}): every request carries a bearer token
 * the registry signed for {@code subject} with {@code access}, so it passes the same gate as any
 * client and shows up under that name. There is deliberately no registry-wide identity here: a
 * run with one could read every repository. The token never leaves the
 * process; a new one is minted before the current one has a minute left.
 */
public final class InternalCaller implements HttpHandler {
  private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

  private final HttpHandler api;
  private final TokenService tokens;
  private final String subject;
  private final List<TokenAccess> access;
  private volatile TokenService.IssuedToken token;

  public InternalCaller(HttpHandler api, TokenService tokens, String subject,
      List<TokenAccess> access) {
    this.api = api;
    this.tokens = tokens;
    this.subject = subject;
    this.access = List.copyOf(access);
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    request.headers().set("Authorization", "Bearer " + current().token());
    return api.handle(request);
  }

  private TokenService.IssuedToken current() {
    TokenService.IssuedToken t = token;
    if (t == null || !tokens.now().plus(RENEW_BEFORE).isBefore(t.expiresAt())) {
      t = tokens.issue(subject, access);
      token = t;
    }
    return t;
  }
}

package dev.meridian.core.auth;

import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The registry calling its own API in-process (the image builder pulling bases and pushing
 * results): every request carries a bearer token the registry signed for {@code subject}, so it
 * passes the same gate as any client and shows up under that name. The token never leaves the
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

  /** Registry-wide access: the builder pulls any base image and pushes any output it was given. */
  public static InternalCaller builder(HttpHandler api, TokenService tokens) {
    return new InternalCaller(api, tokens, "meridian-builder",
        List.of(new TokenAccess("registry", RegistryPermission.ADMIN.scopeName(), List.of("*"))));
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

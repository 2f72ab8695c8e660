package dev.meridian.core.auth;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.route.RegistryPermission;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Authentication and authorization of every request (docs/security.md): who is calling ({@code
 * Authorization: Basic} or {@code Bearer}, or nobody), whether they are over their rate, and
 * whether they may do what the route needs. Refusals follow CNCF distribution's token auth: a
 * caller without credentials, with bad ones, or with a token that lacks the scope gets 401 {@code
 * UNAUTHORIZED} and a {@code WWW-Authenticate: Bearer realm=…,service=…,scope=…} challenge that
 * sends Docker/OCI clients to the token endpoint; an account authenticated with Basic credentials
 * that is not allowed gets 403 {@code DENIED} (new credentials would not help).
 */
public final class AccessGate {
  /**
   * Set by the runtimes' HTTP adapters to the peer address of the connection (the local front)
   * or API Gateway's {@code sourceIp}; a value sent by the client is removed first.
   */
  public static final String CLIENT_ADDRESS = "Meridian-Client-Address";
  public static final String TOKEN_PATH = "/meridian/v1/token";
  private static final int MAX_CACHED_TOKENS = 10_000;
  private static final Pattern PLAIN_HOST =
      Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9._~-]{1,253})(:[0-9]{1,5})?");

  private final CredentialCheck credentials;
  private final TokenService tokens;
  private final RateLimiter requests;
  private final SignInThrottle failedLogins;
  private final Map<String, TokenService.VerifiedToken> verifiedTokens = new ConcurrentHashMap<>();
  private final String realmBase; // null: from the request's Host (validated)

  /**
   * @param requests limits every caller's requests (per account; per address when anonymous)
   * @param failedLogins throttles wrong credentials (per address and account, per account, per
   *     address)
   */
  public AccessGate(CredentialCheck credentials, TokenService tokens, RateLimiter requests,
      SignInThrottle failedLogins) {
    this(credentials, tokens, requests, failedLogins, null);
  }

  /**
   * @param publicEndpoint this region's configured public base URL: the token realm in every
   *     challenge is built from it, never from the request. Null: from the request's {@code
   *     Host}, which must then be a plain {@code host[:port]} (docs/security.md, "Token realm").
   */
  public AccessGate(CredentialCheck credentials, TokenService tokens, RateLimiter requests,
      SignInThrottle failedLogins, URI publicEndpoint) {
    this.realmBase = publicEndpoint == null ? null
        : publicEndpoint.toString().replaceAll("/+$", "");
    this.credentials = credentials;
    this.tokens = tokens;
    this.requests = requests;
    this.failedLogins = failedLogins;
  }

  public CredentialCheck credentials() {
    return credentials;
  }

  public TokenService tokens() {
    return tokens;
  }

  /** Who is calling; throws 401 for bad credentials or tokens, 429 over the rate. */
  public Principal authenticate(HttpRequest request) {
    String header = request.header("Authorization");
    Principal principal;
    if (header == null || header.isBlank()) {
      principal = Principal.anonymous(credentials.anonymousAccess());
    } else if (startsWith(header, "Basic ")) {
      principal = Principal.of(basic(request, header.substring(6).trim()));
    } else if (startsWith(header, "Bearer ")) {
      principal = bearer(request, header.substring(7).trim());
    } else {
      throw challenge(request, null, false, "unsupported authorization scheme");
    }
    limit(requests, principal.isAnonymous() ? "addr:" + clientAddress(request)
        : "acct:" + principal.name());
    return principal;
  }

  /**
   * The account of a Basic credential ({@code base64(name:secret)}, RFC 7617); throws 401 when
   * it is malformed or wrong, 429 after too many wrong ones (SignInThrottle).
   */
  public Identity basic(HttpRequest request, String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw challenge(request, null, false, "malformed Basic credentials");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw challenge(request, null, false, "malformed Basic credentials");
    }
    String name = decoded.substring(0, colon);
    String address = clientAddress(request);
    OptionalLong wait = failedLogins.refusal(address, name);
    if (wait.isPresent()) {
      throw tooMany(wait.getAsLong(), "too many failed sign-ins; try again later");
    }
    Optional<Identity> identity = credentials.check(name, decoded.substring(colon + 1));
    if (identity.isEmpty()) {
      failedLogins.failed(address, name);
      throw challenge(request, null, false, "invalid username or password");
    }
    return identity.get();
  }

  private Principal bearer(HttpRequest request, String token) {
    TokenService.VerifiedToken verified = verifiedTokens.get(token);
    if (verified == null || !tokenStillValid(verified)) {
      verified = tokens.verify(token).orElseThrow(
          () -> challenge(request, null, false, "invalid or expired token"));
      if (verifiedTokens.size() > MAX_CACHED_TOKENS) {
        verifiedTokens.clear();
      }
      verifiedTokens.put(token, verified);
    }
    List<Grant> grants = new ArrayList<>();
    Set<RegistryPermission> permissions = EnumSet.noneOf(RegistryPermission.class);
    for (TokenAccess a : verified.access()) {
      Set<Action> actions = EnumSet.noneOf(Action.class);
      if (a.type().equals("repository")) {
        a.actions().forEach(name -> actions.addAll(Action.parse(name)));
        if (!actions.isEmpty()) {
          grants.add(new Grant(RepositoryPattern.of(a.name()), actions));
        }
      } else if (a.type().equals("registry")) {
        permissions.add(RegistryPermission.parse(a.name()));
      }
    }
    return new Principal(verified.subject(), Principal.Via.BEARER, grants, permissions);
  }

  private boolean tokenStillValid(TokenService.VerifiedToken verified) {
    return tokens.now().isBefore(verified.expiresAt());
  }

  /** Any caller that presented credentials (the API version check, {@code GET /v2/}). */
  public void requireAuthenticated(HttpRequest request, Principal principal) {
    if (!principal.authenticated()) {
      throw challenge(request, null, false, "authentication required");
    }
  }

  /**
   * The caller may take every one of {@code needed} on {@code repository}; the challenge asks
   * for {@code challenge} (e.g. {@code pull,push} for a push, as clients request both).
   */
  public void requireRepository(HttpRequest request, Principal principal, String repository,
      Set<Action> needed, String challenge) {
    requireRepositoryScope(request, principal, repository, needed,
        "repository:" + repository + ":" + challenge);
  }

  /**
   * As {@link #requireRepository}, with the challenge's whole {@code scope} given: several
   * scopes separated by spaces when the request needs more than one repository (a mount), as
   * CNCF distribution's token controller challenges.
   */
  public void requireRepositoryScope(HttpRequest request, Principal principal, String repository,
      Set<Action> needed, String scope) {
    if (allowed(principal, repository).containsAll(needed)) {
      return;
    }
    throw refuse(request, principal, scope);
  }

  /** What the caller may do to {@code repository}, anonymous pulls included. */
  public Set<Action> allowed(Principal principal, String repository) {
    Set<Action> allowed = EnumSet.noneOf(Action.class);
    allowed.addAll(principal.allowed(repository));
    if (credentials.anonymousAccess().allowsPull(repository)) {
      allowed.add(Action.PULL);
    }
    return allowed;
  }

  public void requirePermission(HttpRequest request, Principal principal,
      RegistryPermission permission) {
    if (!principal.has(permission)) {
      throw refuse(request, principal, "registry:" + permission.scopeName() + ":*");
    }
  }

  private RegistryException refuse(HttpRequest request, Principal principal, String scope) {
    if (principal.via() == Principal.Via.BASIC) {
      return new RegistryException(ErrorKind.DENIED,
          "requested access to the resource is denied");
    }
    return challenge(request, scope, principal.via() == Principal.Via.BEARER,
        "authentication required");
  }

  /** 401 with the Bearer challenge that points clients at the token endpoint. */
  public RegistryException challenge(HttpRequest request, String scope, boolean insufficient,
      String message) {
    StringBuilder value = new StringBuilder("Bearer realm=\"")
        .append(realmBase(request)).append(TOKEN_PATH)
        .append("\",service=\"").append(tokens.service()).append('"');
    if (scope != null) {
      value.append(",scope=\"").append(scope).append('"');
    }
    if (insufficient) {
      value.append(",error=\"insufficient_scope\"");
    }
    return new RegistryException(ErrorKind.UNAUTHORIZED, message, null,
        Map.of("WWW-Authenticate", value.toString()));
  }

  /**
   * The configured public URL, else {@code scheme://Host}: a Host that is not a plain {@code
   * host[:port]} (RFC 3986 reg-name, IPv4 or IP-literal) is refused, so a crafted Host cannot put
   * quotes, commas or a path into the challenge.
   */
  private String realmBase(HttpRequest request) {
    if (realmBase != null) {
      return realmBase;
    }
    if (request.host() == null || !PLAIN_HOST.matcher(request.host()).matches()) {
      throw new RegistryException(ErrorKind.INVALID_INPUT,
          "invalid Host header; set the region's public URL to build the token realm from it");
    }
    return request.baseUrl();
  }

  private void limit(RateLimiter limiter, String key) {
    OptionalLong wait = limiter.acquire(key);
    if (wait.isPresent()) {
      throw tooMany(wait.getAsLong(), "too many requests; slow down");
    }
  }

  static RegistryException tooMany(long seconds, String message) {
    return new RegistryException(ErrorKind.TOO_MANY_REQUESTS, message, null,
        Map.of("Retry-After", Long.toString(Math.max(1, seconds))));
  }

  /** The connection's address as the runtime's adapter set it; "unknown" when none did. */
  public static String clientAddress(HttpRequest request) {
    String address = request.header(CLIENT_ADDRESS);
    return address == null || address.isBlank() ? "unknown" : address;
  }

  private static boolean startsWith(String header, String scheme) {
    return header.regionMatches(true, 0, scheme, 0, scheme.length());
  }
}

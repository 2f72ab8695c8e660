package dev.meridian.core.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.CallerName;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token endpoint, {@code /meridian/v1/token} (Docker token spec "Token Authentication
 * Specification" and "OAuth2 Token Authentication"):
 *
 * <ul>
 *   <li>{@code GET ?service=…&scope=…} with optional {@code Authorization: Basic} — what skopeo,
 *       podman, docker and jib send. Anonymous requests are answered too, granting only what the
 *       anonymous switch allows.
 *   <li>{@code POST} form {@code grant_type=password&username&password&scope&service} — the
 *       OAuth2 form containerd uses. Refresh tokens are not issued, so {@code
 *       grant_type=refresh_token} is {@code unsupported_grant_type} (400), as the spec allows.
 * </ul>
 *
 * <p>The token grants each requested action the caller may take and leaves out the rest (the
 * spec: "the token server will only grant the actions it can"); the registry then refuses
 * what the token lacks with {@code insufficient_scope}. Wrong credentials are 401.
 */
public final class TokenRoutes implements AdminRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_FORM = 16 * 1024;

  private final AccessGate gate;

  public TokenRoutes(AccessGate gate) {
    this.gate = gate;
  }

  /** {@code GET} and {@code POST} of {@link AccessGate#TOKEN_PATH}, before authentication. */
  @Override
  public List<Route> routes() {
    RoutePermission anyone = RoutePermission.beforeAuthentication();
    return List.of(
        Route.of("GET", AccessGate.TOKEN_PATH, anyone,
            (request, path) -> token(request, request.queryParameters(), caller(request), false)),
        Route.of("POST", AccessGate.TOKEN_PATH, anyone, (request, path) -> oauth(request)));
  }

  private Principal caller(HttpRequest request) {
    String header = request.header("Authorization");
    if (header == null || header.isBlank()) {
      return gate.authenticate(request); // anonymous, rate-limited by address
    }
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw basicChallenge("the token endpoint takes Basic credentials");
    }
    try {
      return gate.authenticate(request);
    } catch (RegistryException e) {
      throw e.status() == 401 ? basicChallenge(e.getMessage()) : e;
    }
  }

  private HttpResponse oauth(HttpRequest request) {
    Map<String, List<String>> form = form(request);
    String grant = first(form, "grant_type");
    if (!"password".equals(grant)) {
      return oauthError(400, "unsupported_grant_type",
          "only grant_type=password is supported; refresh tokens are not issued");
    }
    String user = first(form, "username");
    String password = first(form, "password");
    if (user == null || password == null) {
      return oauthError(400, "invalid_request", "username and password are required");
    }
    String basic = java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    request.headers().set(CallerName.ATTEMPTED_HEADER, user);
    Principal principal;
    try {
      principal = Principal.of(gate.basic(request, basic));
    } catch (RegistryException e) {
      if (e.status() == 401) {
        return oauthError(401, "invalid_grant", "invalid username or password");
      }
      throw e;
    }
    return token(request, form, principal, true);
  }

  private HttpResponse token(HttpRequest request, Map<String, List<String>> params,
      Principal principal, boolean oauth) {
    String service = first(params, "service");
    if (service != null && !service.equals(gate.tokens().service())) {
      throw ErrorKind.INVALID_INPUT.because("unknown service " + service + "; this registry is " + gate.tokens().service());
    }
    List<ScopeRequest> scopes;
    try {
      scopes = ScopeRequest.parseAll(params.get("scope"));
    } catch (IllegalArgumentException e) {
      throw ErrorKind.INVALID_INPUT.because(e.getMessage());
    }
    List<TokenAccess> granted = new ArrayList<>();
    for (ScopeRequest scope : scopes) {
      List<String> actions = grantable(principal, scope);
      if (!actions.isEmpty()) {
        granted.add(new TokenAccess(scope.type(), scope.name(), actions));
      }
    }
    TokenService.IssuedToken token = gate.tokens().issue(principal.name(), granted);
    ObjectNode body = JSON.createObjectNode()
        .put("token", token.token())
        .put("access_token", token.token())
        .put("expires_in", gate.tokens().lifetime().toSeconds())
        .put("issued_at", token.issuedAt().toString());
    if (oauth) {
      body.put("scope", String.join(" ", granted.stream()
          .map(a -> a.type() + ":" + a.name() + ":" + String.join(",", a.actions())).toList()));
    }
    return json(200, body);
  }

  /** The requested actions the caller may take; unknown types, names and actions get nothing. */
  private List<String> grantable(Principal principal, ScopeRequest scope) {
    List<String> actions = new ArrayList<>();
    if (scope.type().equals("repository")) {
      if (!RepositoryName.isValid(scope.name())) {
        return actions;
      }
      Set<Action> allowed = gate.allowed(principal, scope.name());
      for (String a : scope.actions()) {
        Set<Action> wanted = parseAction(a);
        if (!wanted.isEmpty() && allowed.containsAll(wanted)) {
          actions.add(a);
        }
      }
    } else if (scope.type().equals("registry")) {
      for (RegistryPermission p : RegistryPermission.values()) {
        if (p.scopeName().equals(scope.name()) && principal.has(p)) {
          actions.add("*");
        }
      }
    }
    return actions;
  }

  private static Set<Action> parseAction(String name) {
    try {
      return Action.parse(name);
    } catch (IllegalArgumentException e) {
      return EnumSet.noneOf(Action.class);
    }
  }

  private static Map<String, List<String>> form(HttpRequest request) {
    String type = request.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT)
        .startsWith("application/x-www-form-urlencoded")) {
      throw ErrorKind.INVALID_INPUT.because("the token endpoint takes POST bodies as application/x-www-form-urlencoded");
    }
    String body;
    try {
      body = new String(AdminRoutes.readBody(request, MAX_FORM), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ErrorKind.INVALID_INPUT.because(e.getMessage());
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw ErrorKind.INVALID_INPUT.because("malformed form body");
      }
    }
    return params;
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static RegistryException basicChallenge(String message) {
    return new RegistryException(ErrorKind.UNAUTHORIZED, message, null,
        Map.of("WWW-Authenticate", "Basic realm=\"Meridian\""));
  }

  private static HttpResponse oauthError(int status, String error, String description) {
    return json(status, JSON.createObjectNode().put("error", error)
        .put("error_description", description));
  }

  private static HttpResponse json(int status, ObjectNode body) {
    return new HttpResponse(status, new HttpHeaders()
        .set("Content-Type", "application/json")
        .set("Cache-Control", "no-store"),
        ResponseBody.of(body.toString().getBytes(StandardCharsets.UTF_8)));
  }
}

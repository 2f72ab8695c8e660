package dev.meridian.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Admin-only account management (docs/security.md "Accounts"): {@code /meridian/v1/users} (list,
 * create), {@code /users/<name>} (get, replace, delete), {@code /users/<name>/secret} (a new
 * generated secret), {@code /anonymous} (the anonymous-pull switch) and {@code /signing-keys}
 * (list, {@code POST …/rotate}). A robot's secret, and a user's when none is given, is generated
 * and returned once, in the response that made it.
 */
public final class AccountRoutes implements AdminRoutes {
  private static final int MAX_BODY = 64 * 1024;

  private final IdentityStore store;
  private final PasswordHasher hasher;
  private final CredentialCheck credentials;
  private final SigningKeySource keys;
  private final Clock clock;

  public AccountRoutes(IdentityStore store, PasswordHasher hasher, CredentialCheck credentials,
      SigningKeySource keys, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.credentials = credentials;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public List<Route> routes() {
    RoutePermission admin = RoutePermission.of(RegistryPermission.ADMIN);
    String users = RouteTable.PREFIX + "users";
    String user = users + "/{name}";
    String keyRing = RouteTable.PREFIX + "signing-keys";
    List<Route> routes = List.of(
        Route.of("GET", users, admin, (r, p) -> list()),
        Route.of("POST", users, admin, (r, p) -> create(body(r))),
        Route.of("POST", user + "/secret", admin, (r, p) -> newSecret(existing(p.get("name")))),
        Route.of("GET", user, admin,
            (r, p) -> json(200, IdentityJson.render(existing(p.get("name"))))),
        Route.of("PUT", user, admin, (r, p) -> replace(existing(p.get("name")), body(r))),
        Route.of("DELETE", user, admin, (r, p) -> delete(existing(p.get("name")))),
        Route.of("GET", RouteTable.PREFIX + "anonymous", admin,
            (r, p) -> anonymous(store.anonymousAccess())),
        Route.of("PUT", RouteTable.PREFIX + "anonymous", admin, (r, p) -> putAnonymous(body(r))),
        Route.of("GET", keyRing, admin, (r, p) -> signingKeys(keys.keys())),
        Route.of("POST", keyRing + "/rotate", admin, (r, p) -> rotate()));
    return AdminRoutes.rejectingInvalidInput(routes).stream()
        .map(route -> route.wrapped(this::invalidatingCredentials)).toList();
  }

  /**
   * A change is seen by the next request ({@code invalidate} drops cached credentials); a
   * change that some region missed is a 503 to repeat.
   */
  private Route.Handler invalidatingCredentials(Route.Handler handler) {
    return (request, path) -> {
      try {
        return handler.handle(request, path);
      } catch (ReplicatedIdentityStore.PartialWriteException e) {
        throw ErrorKind.UNAVAILABLE.because(e.getMessage(),
            java.util.Map.of("Retry-After", "5"));
      } finally {
        if (!request.method().equals("GET")) {
          credentials.invalidate();
        }
      }
    };
  }

  private HttpResponse rotate() {
    try {
      return signingKeys(keys.rotate());
    } catch (UnsupportedOperationException e) {
      throw ErrorKind.CONFLICT.because(e.getMessage());
    }
  }

  private HttpResponse list() {
    ObjectNode body = IdentityJson.JSON.createObjectNode();
    ArrayNode users = body.putArray("users");
    store.list().forEach(i -> users.add(IdentityJson.render(i)));
    return json(200, body);
  }

  private HttpResponse create(JsonNode body) {
    String name = body.path("name").asText(null);
    Identity.Kind kind = kind(body.path("kind").asText("user"));
    String secret = body.hasNonNull("password") ? body.path("password").asText() : null;
    if (kind == Identity.Kind.ROBOT && secret != null) {
      throw new IllegalArgumentException("a robot's secret is generated; leave password out");
    }
    boolean generated = secret == null;
    secret = generated ? Secrets.generate() : Secrets.requireAcceptable(secret);
    Identity identity = Identity.create(name, kind, hasher.hash(secret),
        IdentityJson.parseGrants(body.get("grants")),
        IdentityJson.parsePermissions(body.get("permissions")), clock.instant());
    if (!store.create(identity)) {
      throw ErrorKind.CONFLICT.because("an account named " + name + " exists or existed (names are not reused)");
    }
    ObjectNode out = IdentityJson.render(identity);
    if (generated) {
      out.put("secret", secret);
    }
    return json(201, out);
  }

  private HttpResponse replace(Identity current, JsonNode body) {
    String hash = current.secretHash();
    if (body.hasNonNull("password")) {
      if (current.kind() == Identity.Kind.ROBOT) {
        throw new IllegalArgumentException("a robot's secret is generated: POST …/secret");
      }
      hash = hasher.hash(Secrets.requireAcceptable(body.path("password").asText()));
    }
    Set<RegistryPermission> permissions = body.has("permissions")
        ? IdentityJson.parsePermissions(body.get("permissions")) : current.permissions();
    if (current.isAdmin() && !permissions.contains(RegistryPermission.ADMIN)) {
      requireAnotherAdmin(current);
    }
    Identity next = current.withChanges(hash,
        body.has("grants") ? IdentityJson.parseGrants(body.get("grants")) : current.grants(),
        permissions, clock.instant());
    store.put(next);
    return json(200, IdentityJson.render(next));
  }

  private HttpResponse newSecret(Identity current) {
    String secret = Secrets.generate();
    Identity next = current.withChanges(hasher.hash(secret), current.grants(),
        current.permissions(), clock.instant());
    store.put(next);
    return json(200, IdentityJson.render(next).put("secret", secret));
  }

  private HttpResponse delete(Identity current) {
    if (current.isAdmin()) {
      requireAnotherAdmin(current);
    }
    store.put(current.tombstone(clock.instant()));
    return new HttpResponse(204, new HttpHeaders(), ResponseBody.empty());
  }

  /** Nobody could manage accounts any more: refuse to remove the last admin. */
  private void requireAnotherAdmin(Identity leaving) {
    boolean another = store.list().stream()
        .anyMatch(i -> i.isAdmin() && !i.name().equals(leaving.name()));
    if (!another) {
      throw new RegistryException(ErrorKind.LOCKED,
          "cannot remove the last admin account");
    }
  }

  private HttpResponse anonymous(AnonymousAccess access) {
    ObjectNode body = IdentityJson.JSON.createObjectNode();
    ArrayNode pull = body.putArray("pull");
    access.pull().forEach(p -> pull.add(p.glob()));
    return json(200, body);
  }

  private HttpResponse putAnonymous(JsonNode body) {
    AnonymousAccess current = store.anonymousAccess();
    AnonymousAccess next = new AnonymousAccess(IdentityJson.parsePatterns(body.get("pull")),
        Math.max(clock.millis(), current.version() + 1));
    store.putAnonymousAccess(next);
    return anonymous(next);
  }

  private HttpResponse signingKeys(SigningKeys ring) {
    ObjectNode body = IdentityJson.JSON.createObjectNode().put("current", ring.current().kid());
    ArrayNode array = body.putArray("keys");
    for (SigningKey k : ring.keys()) {
      array.addObject().put("kid", k.kid())
          .put("created", k.created() == null ? null : k.created().toString())
          .put("retired", k.retired() == null ? null : k.retired().toString());
    }
    return json(200, body);
  }

  private Identity existing(String name) {
    Optional<Identity> found = store.find(name).filter(i -> !i.deleted());
    return found.orElseThrow(() -> ErrorKind.NOT_FOUND.because("no account named " + name));
  }

  private static Identity.Kind kind(String text) {
    try {
      return Identity.Kind.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kind must be user or robot, got " + text);
    }
  }

  private static JsonNode body(HttpRequest request) {
    try {
      JsonNode node = IdentityJson.JSON.readTree(AdminRoutes.readBody(request, MAX_BODY));
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage());
    }
  }

  private static HttpResponse json(int status, ObjectNode body) {
    return new HttpResponse(status, new HttpHeaders()
        .set("Content-Type", "application/json").set("Cache-Control", "no-store"),
        ResponseBody.of(body.toString().getBytes(StandardCharsets.UTF_8)));
  }
}

package dev.meridian.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.route.RegistryPermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The wire shapes of accounts in the users API (docs/security.md): {@code grants} as {@code
 * [{"repositories":"team/**","actions":["pull","push"]}]}, {@code permissions} as {@code
 * ["builds"]}. A secret hash never leaves the registry.
 */
public final class IdentityJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private IdentityJson() {}

  public static ObjectNode render(Identity identity) {
    ObjectNode node = JSON.createObjectNode()
        .put("name", identity.name())
        .put("kind", identity.kind().name().toLowerCase(java.util.Locale.ROOT));
    node.set("grants", grants(identity.grants()));
    ArrayNode permissions = node.putArray("permissions");
    identity.permissions().stream().sorted().forEach(p -> permissions.add(p.scopeName()));
    node.put("updated", identity.updated() == null ? null : identity.updated().toString());
    return node;
  }

  /** The stored form: everything, the hash and tombstone flag included (never sent to clients). */
  public static String stored(Identity identity) {
    ObjectNode node = render(identity)
        .put("secretHash", identity.secretHash())
        .put("version", identity.version())
        .put("deleted", identity.deleted());
    return node.toString();
  }

  public static Identity fromStored(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new Identity(n.path("name").asText(),
          Identity.Kind.valueOf(n.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
          n.path("secretHash").isNull() ? null : n.path("secretHash").asText(null),
          parseGrants(n.get("grants")), parsePermissions(n.get("permissions")),
          n.path("version").asLong(),
          n.path("updated").isTextual() ? java.time.Instant.parse(n.path("updated").asText()) : null,
          n.path("deleted").asBoolean());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("unreadable stored account: " + e.getMessage(), e);
    }
  }

  public static String stored(AnonymousAccess access) {
    ObjectNode node = JSON.createObjectNode().put("version", access.version());
    ArrayNode pull = node.putArray("pull");
    access.pull().forEach(p -> pull.add(p.glob()));
    return node.toString();
  }

  public static AnonymousAccess anonymousFromStored(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new AnonymousAccess(parsePatterns(n.get("pull")), n.path("version").asLong());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("unreadable anonymous access: " + e.getMessage(), e);
    }
  }

  public static ArrayNode grants(List<Grant> grants) {
    ArrayNode array = JSON.createArrayNode();
    for (Grant g : grants) {
      ObjectNode o = array.addObject().put("repositories", g.repositories().glob());
      ArrayNode actions = o.putArray("actions");
      g.actions().stream().sorted().forEach(a -> actions.add(a.scopeName()));
    }
    return array;
  }

  /** Grants from JSON; throws {@link IllegalArgumentException} (a 400) on anything malformed. */
  public static List<Grant> parseGrants(JsonNode node) {
    List<Grant> grants = new ArrayList<>();
    if (node == null || node.isNull()) {
      return grants;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("grants must be an array");
    }
    for (JsonNode g : node) {
      if (!g.path("repositories").isTextual() || !g.path("actions").isArray()) {
        throw new IllegalArgumentException(
            "a grant is {\"repositories\":\"<pattern>\",\"actions\":[\"pull\",…]}");
      }
      Set<Action> actions = EnumSet.noneOf(Action.class);
      for (JsonNode a : g.path("actions")) {
        actions.addAll(Action.parse(a.asText()));
      }
      grants.add(new Grant(RepositoryPattern.of(g.path("repositories").asText()), actions));
    }
    return grants;
  }

  public static Set<RegistryPermission> parsePermissions(JsonNode node) {
    Set<RegistryPermission> permissions = EnumSet.noneOf(RegistryPermission.class);
    if (node == null || node.isNull()) {
      return permissions;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("permissions must be an array");
    }
    for (JsonNode p : node) {
      permissions.add(RegistryPermission.parse(p.asText()));
    }
    return permissions;
  }

  public static List<RepositoryPattern> parsePatterns(JsonNode node) {
    List<RepositoryPattern> patterns = new ArrayList<>();
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException("pull must be an array of repository patterns");
    }
    for (JsonNode p : node) {
      patterns.add(RepositoryPattern.of(p.asText()));
    }
    return patterns;
  }
}

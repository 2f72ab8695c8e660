package dev.meridian.core.lifecycle.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.auth.RepositoryPattern;
import dev.meridian.core.version.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * ECR's tag immutability for the repositories matching {@code repositories}: {@code IMMUTABLE}
 * when {@code exclusions} is empty, {@code IMMUTABLE_WITH_EXCLUSION} otherwise (tags matching an
 * exclusion, e.g. {@code latest} or {@code dev-*}, stay mutable). An immutable tag, once it points
 * at a manifest, cannot be pointed elsewhere; it can still be deleted (as in ECR), and then
 * pushed again.
 */
public record ImmutableTagRule(String name, RepositoryPattern repositories,
    List<TagPattern> exclusions, Version version) {

  public ImmutableTagRule {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("invalid rule name: " + name
          + " (lower-case letters, digits and -, at most 63)");
    }
    if (repositories == null) {
      throw new IllegalArgumentException("an immutability rule needs a repository pattern");
    }
    exclusions = List.copyOf(exclusions == null ? List.of() : exclusions);
  }

  public boolean covers(String repository, String tag) {
    return repositories.matches(repository) && exclusions.stream().noneMatch(e -> e.matches(tag));
  }

  public String mutability() {
    return exclusions.isEmpty() ? "IMMUTABLE" : "IMMUTABLE_WITH_EXCLUSION";
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", name).put("repositories", repositories.glob()).put("mutability", mutability());
    exclusions.forEach(e -> n.withArray("exclusions").add(e.glob()));
    if (!n.has("exclusions")) {
      n.putArray("exclusions");
    }
    if (version != null) {
      n.put("version", version.toString());
    }
    return n;
  }

  public static ImmutableTagRule fromJson(String name, JsonNode n, Version version) {
    List<TagPattern> exclusions = new ArrayList<>();
    n.path("exclusions").forEach(e -> exclusions.add(new TagPattern(e.asText())));
    String glob = n.path("repositories").asText(null);
    return new ImmutableTagRule(name, glob == null ? null : new RepositoryPattern(glob),
        exclusions, version);
  }
}

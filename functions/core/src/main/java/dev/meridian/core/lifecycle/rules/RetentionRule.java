package dev.meridian.core.lifecycle.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.auth.RepositoryPattern;
import dev.meridian.core.version.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * A retention rule (Harbor's tag retention, ECR's lifecycle policy, ACR's untagged-manifest
 * retention) for the repositories matching {@code repositories}. Each criterion is optional
 * (null: not applied); a tag goes when it is outside the newest {@code keepLast} tags by push time
 * OR older than {@code tagMaxAgeDays}; an untagged manifest goes when untagged and pushed more than
 * {@code untaggedMaxAgeDays} ago. Tags matching an exclusion are never deleted and count towards
 * nothing. Push time is the tag record's version (its hybrid-logical-clock millis), the same number
 * in every region, so every region evaluates the rule identically.
 */
public record RetentionRule(String name, RepositoryPattern repositories, Integer keepLast,
    Integer tagMaxAgeDays, Integer untaggedMaxAgeDays, List<TagPattern> exclusions,
    Version version) {

  public RetentionRule {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("invalid rule name: " + name
          + " (lower-case letters, digits and -, at most 63)");
    }
    if (repositories == null) {
      throw new IllegalArgumentException("a retention rule needs a repository pattern");
    }
    if (keepLast == null && tagMaxAgeDays == null && untaggedMaxAgeDays == null) {
      throw new IllegalArgumentException(
          "a retention rule needs keepLast, tagMaxAgeDays or untaggedMaxAgeDays");
    }
    positive(keepLast, "keepLast");
    positive(tagMaxAgeDays, "tagMaxAgeDays");
    positive(untaggedMaxAgeDays, "untaggedMaxAgeDays");
    exclusions = List.copyOf(exclusions == null ? List.of() : exclusions);
  }

  public boolean excludes(String tag) {
    return exclusions.stream().anyMatch(e -> e.matches(tag));
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", name).put("repositories", repositories.glob());
    n.put("keepLast", keepLast).put("tagMaxAgeDays", tagMaxAgeDays)
        .put("untaggedMaxAgeDays", untaggedMaxAgeDays);
    var array = n.putArray("exclusions");
    exclusions.forEach(e -> array.add(e.glob()));
    if (version != null) {
      n.put("version", version.toString());
    }
    return n;
  }

  public static RetentionRule fromJson(String name, JsonNode n, Version version) {
    List<TagPattern> exclusions = new ArrayList<>();
    n.path("exclusions").forEach(e -> exclusions.add(new TagPattern(e.asText())));
    String glob = n.path("repositories").asText(null);
    return new RetentionRule(name, glob == null ? null : new RepositoryPattern(glob),
        integer(n, "keepLast"), integer(n, "tagMaxAgeDays"), integer(n, "untaggedMaxAgeDays"),
        exclusions, version);
  }

  private static Integer integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt()) {
      throw new IllegalArgumentException(field + " must be a whole number");
    }
    return v.asInt();
  }

  private static void positive(Integer value, String field) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException(field + " must not be negative");
    }
  }
}

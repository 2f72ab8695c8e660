package dev.meridian.app.lambda.iam;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statement of an identity policy, after CloudFormation resolved its intrinsics: effect,
 * actions (or {@code NotAction}), resources (or {@code NotResource}) and conditions ({@code
 * operator → key → values}).
 */
public record IamStatement(boolean allow, List<String> actions, boolean notAction,
    List<String> resources, boolean notResource, Map<String, Map<String, List<String>>> conditions) {

  public IamStatement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = Map.copyOf(conditions);
  }

  /** A statement as JSON-shaped maps and lists (a resolved template's {@code Statement} entry). */
  public static IamStatement parse(Map<String, ?> s) {
    Object effect = s.get("Effect");
    if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
      throw new IllegalArgumentException("Effect must be Allow or Deny: " + s);
    }
    boolean notAction = s.containsKey("NotAction");
    boolean notResource = s.containsKey("NotResource");
    Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
    if (s.get("Condition") instanceof Map<?, ?> c) {
      c.forEach((operator, keys) -> {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        ((Map<?, ?>) keys).forEach((k, v) -> byKey.put(String.valueOf(k), strings(v)));
        conditions.put(String.valueOf(operator), byKey);
      });
    }
    return new IamStatement("Allow".equals(effect),
        strings(s.get(notAction ? "NotAction" : "Action")), notAction,
        strings(s.get(notResource ? "NotResource" : "Resource")), notResource, conditions);
  }

  static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
        : List.of(String.valueOf(value));
  }
}

package dev.meridian.core.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One entry of a token request's {@code scope} (Docker token spec, "Token Scope Documentation"):
 * {@code resourcetype[(class)]:resourcename:action[,action…]}, e.g. {@code
 * repository:team/app:pull,push} or {@code registry:catalog:*}. The name may itself contain
 * colons, so the type ends at the first colon and the actions start after the last.
 */
public record ScopeRequest(String type, String name, List<String> actions) {

  public ScopeRequest {
    actions = List.copyOf(new LinkedHashSet<>(actions)); // requested order, no repeats
  }

  public static ScopeRequest parse(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last == first || last == scope.length() - 1) {
      throw new IllegalArgumentException("invalid scope: " + scope);
    }
    String type = scope.substring(0, first);
    int paren = type.indexOf('(');
    if (paren > 0 && type.endsWith(")")) {
      type = type.substring(0, paren); // "repository(plugin)": the class changes nothing here
    }
    List<String> actions = new ArrayList<>();
    for (String a : scope.substring(last + 1).split(",")) {
      if (!a.isEmpty()) {
        actions.add(a);
      }
    }
    return new ScopeRequest(type, scope.substring(first + 1, last), List.copyOf(actions));
  }

  /**
   * Every scope of a request: the parameter may repeat, and one value may hold several scopes
   * separated by spaces (both forms are in the wild: docker sends one parameter per scope,
   * older clients one space-separated list).
   */
  public static List<ScopeRequest> parseAll(List<String> parameters) {
    List<ScopeRequest> scopes = new ArrayList<>();
    if (parameters == null) {
      return scopes;
    }
    for (String p : parameters) {
      for (String s : p.trim().split(" +")) {
        if (!s.isEmpty()) {
          scopes.add(parse(s));
        }
      }
    }
    return scopes;
  }

  /** The scope string, as the {@code WWW-Authenticate} challenge and the token carry it. */
  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions);
  }
}

package dev.meridian.core.auth;

import java.util.EnumSet;
import java.util.Set;

/** Actions allowed on every repository a pattern matches. */
public record Grant(RepositoryPattern repositories, Set<Action> actions) {
  public Grant {
    if (repositories == null || actions == null || actions.isEmpty()) {
      throw new IllegalArgumentException("a grant needs a repository pattern and actions");
    }
    actions = Set.copyOf(EnumSet.copyOf(actions));
  }

  public static Grant of(String pattern, Action... actions) {
    return new Grant(RepositoryPattern.of(pattern), Set.of(actions));
  }
}

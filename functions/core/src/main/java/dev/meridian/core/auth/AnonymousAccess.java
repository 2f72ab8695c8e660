package dev.meridian.core.auth;

import java.util.List;

/**
 * The anonymous-pull switch: the repository patterns anyone may pull from
 * without credentials. Off by default: the empty list. Versioned like {@link Identity}.
 */
public record AnonymousAccess(List<RepositoryPattern> pull, long version) {
  public static final AnonymousAccess NONE = new AnonymousAccess(List.of(), 0);

  public AnonymousAccess {
    pull = pull == null ? List.of() : List.copyOf(pull);
  }

  public boolean allowsPull(String repository) {
    return pull.stream().anyMatch(p -> p.matches(repository));
  }
}

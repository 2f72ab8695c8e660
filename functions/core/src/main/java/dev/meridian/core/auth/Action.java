package dev.meridian.core.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller may do to a repository, named as the Docker token spec's scope actions
 * ({@code repository:<name>:pull,push,delete}); {@code *} in a scope means all of them.
 */
public enum Action {
  PULL, PUSH, DELETE;

  public String scopeName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One action name; {@code *} is every action. Throws on an unknown name. */
  public static Set<Action> parse(String name) {
    if (name.equals("*")) {
      return EnumSet.allOf(Action.class);
    }
    for (Action a : values()) {
      if (a.scopeName().equals(name)) {
        return EnumSet.of(a);
      }
    }
    throw new IllegalArgumentException("unknown action: " + name);
  }
}

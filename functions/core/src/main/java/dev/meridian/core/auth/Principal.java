package dev.meridian.core.auth;

import dev.meridian.core.route.RegistryPermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is calling and what they may do, after authentication. An account authenticated with
 * Basic credentials carries its own grants; a bearer token carries only the access granted when
 * it was issued (the token spec's {@code access} claim), which is what a client asked for and the
 * account was allowed. The anonymous caller may pull where the anonymous switch allows.
 *
 * @param name the account name; empty for the anonymous caller
 * @param via how the caller authenticated
 * @param grants repository access
 * @param permissions registry-wide permissions
 */
public record Principal(String name, Via via, List<Grant> grants,
    Set<RegistryPermission> permissions) {

  public enum Via { NONE, BASIC, BEARER }

  public Principal {
    grants = List.copyOf(grants);
    permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
  }

  public static Principal anonymous(AnonymousAccess access) {
    return new Principal("", Via.NONE,
        access.pull().stream().map(p -> new Grant(p, Set.of(Action.PULL))).toList(), Set.of());
  }

  public static Principal of(Identity identity) {
    return new Principal(identity.name(), Via.BASIC, identity.grants(), identity.permissions());
  }

  public boolean isAnonymous() {
    return name.isEmpty();
  }

  /** Whether the caller presented credentials (a token for the anonymous account counts). */
  public boolean authenticated() {
    return via != Via.NONE;
  }

  public boolean has(RegistryPermission permission) {
    return permissions.contains(RegistryPermission.ADMIN) || permissions.contains(permission);
  }

  /** The actions this caller may take on {@code repository}. */
  public Set<Action> allowed(String repository) {
    if (permissions.contains(RegistryPermission.ADMIN)) {
      return EnumSet.allOf(Action.class);
    }
    Set<Action> allowed = EnumSet.noneOf(Action.class);
    for (Grant g : grants) {
      if (g.repositories().matches(repository)) {
        allowed.addAll(g.actions());
      }
    }
    return allowed;
  }

  public boolean may(Action action, String repository) {
    return allowed(repository).contains(action);
  }
}

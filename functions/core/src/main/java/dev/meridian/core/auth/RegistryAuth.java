package dev.meridian.core.auth;

import dev.meridian.core.http.HttpRequest;
import java.util.EnumSet;
import java.util.Set;

/**
 * Auth as the HTTP API uses it: the gate that authenticates and authorizes, the token endpoint,
 * and the account routes. {@link #check} binds a request to its caller so routes read as "this
 * needs push on that repository".
 */
public record RegistryAuth(AccessGate gate, TokenRoutes tokens, AccountRoutes accounts) {

  public Check check(HttpRequest request) {
    return new Check(gate, request, gate.authenticate(request));
  }

  /** One request's caller and the checks routes make of it. */
  public record Check(AccessGate gate, HttpRequest request, Principal principal) {
    public void authenticated() {
      gate.requireAuthenticated(request, principal);
    }

    public void pull(String repository) {
      gate.requireRepository(request, principal, repository, Set.of(Action.PULL), "pull");
    }

    /** Pushing: clients ask for {@code pull,push} together, so the challenge does too. */
    public void push(String repository) {
      gate.requireRepository(request, principal, repository, EnumSet.of(Action.PUSH), "pull,push");
    }

    public void delete(String repository) {
      gate.requireRepository(request, principal, repository, Set.of(Action.DELETE), "delete");
    }

    public boolean mayPull(String repository) {
      return gate.allowed(principal, repository).contains(Action.PULL);
    }

    public void permission(RegistryPermission permission) {
      gate.requirePermission(request, principal, permission);
    }
  }
}

package dev.meridian.core.auth;

import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Auth as the HTTP API uses it: the gate that authenticates and authorizes, the token endpoint,
 * and the account routes. {@link #check} binds a request to its caller so routes read as "this
 * needs push on that repository".
 */
public record RegistryAuth(AccessGate gate, TokenRoutes tokens, AccountRoutes accounts) {

  /** The token endpoint's and the account routes' part of the route table. */
  public List<Route> routes() {
    return Stream.concat(tokens.routes().stream(), accounts.routes().stream()).toList();
  }

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

    /**
     * Pushing to {@code repository} with a cross-repository mount from {@code from} (a valid
     * repository name): the challenge names both scopes, so a client that asks the token endpoint
     * for exactly what it was challenged for can mount. True when the caller may also pull {@code
     * from}; false when a Basic-authenticated caller may not (the mount is then dropped and a
     * normal upload opens, as distribution does); a token that lacks {@code from}'s pull scope is
     * refused with 401 {@code insufficient_scope}, as distribution's token controller does
     * (clients then upload the blob instead: observed in containers/image and moby).
     */
    public boolean pushMounting(String repository, String from) {
      String scope = "repository:" + repository + ":pull,push repository:" + from + ":pull";
      gate.requireRepositoryScope(request, principal, repository, EnumSet.of(Action.PUSH), scope);
      if (mayPull(from)) {
        return true;
      }
      if (principal.via() == Principal.Via.BEARER) {
        throw gate.challenge(request, scope, true, "the token does not grant pull on " + from);
      }
      return false;
    }

    public void permission(RegistryPermission permission) {
      gate.requirePermission(request, principal, permission);
    }
  }
}

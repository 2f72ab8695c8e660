package dev.meridian.core.route;


/**
 * What a caller needs to use a route (docs/security.md has the table). {@link RouteTable} checks
 * it before the route's method, so a caller who may not use an area learns nothing about it.
 */
public sealed interface RoutePermission {

  /** A registry-wide permission ({@code admin}, {@code webhooks}, {@code builds}…). */
  static RoutePermission of(RegistryPermission permission) {
    return new Registry(permission);
  }

  /** Pull on the repository named by the path parameter {@code parameter}. */
  static RoutePermission pullOn(String parameter) {
    return new Pull(parameter);
  }

  /**
   * Anyone: the request is not authenticated at all, because the route is how a client gets
   * credentials (the token endpoint authenticates by itself).
   */
  static RoutePermission beforeAuthentication() {
    return new BeforeAuthentication();
  }

  /**
   * Anyone the gate lets in (bad credentials are still refused), acting as nobody: the request
   * carries its own proof, checked by the handler (a task's trigger URL, signed with the task's
   * secret by a source-control host that has no registry credentials).
   */
  static RoutePermission signedByCaller() {
    return new SignedByCaller();
  }

  record Registry(RegistryPermission permission) implements RoutePermission {
    @Override
    public String toString() {
      return permission.scopeName();
    }
  }

  record Pull(String parameter) implements RoutePermission {
    @Override
    public String toString() {
      return "pull on {" + parameter + "}";
    }
  }

  record BeforeAuthentication() implements RoutePermission {
    @Override
    public String toString() {
      return "none (before authentication)";
    }
  }

  record SignedByCaller() implements RoutePermission {
    @Override
    public String toString() {
      return "none (signed request)";
    }
  }
}

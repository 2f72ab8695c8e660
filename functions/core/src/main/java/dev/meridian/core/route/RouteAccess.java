package dev.meridian.core.route;

import dev.meridian.core.oci.RepositoryName;

/**
 * What the route table asks of one request's caller: who it is and whether it holds a route's
 * permission. The registry's access control implements it; {@link #OPEN} allows everything (a
 * registry assembled without auth, and tests of the routes themselves). Refusals are thrown as
 * {@code RegistryException} (401 with the token challenge, 403).
 */
public interface RouteAccess {
  RouteAccess OPEN = new RouteAccess() {
    @Override
    public String caller() {
      return "";
    }

    @Override
    public void permission(RegistryPermission permission) {}

    @Override
    public void pull(RepositoryName name) {}
  };

  /** The authenticated account's name; "" when anonymous or open. */
  String caller();

  void permission(RegistryPermission permission);

  void pull(RepositoryName name);
}

package dev.meridian.core.route;

import java.util.Locale;

/**
 * Registry-wide permissions, outside any one repository (docs/security.md). {@code ADMIN} implies
 * every other permission and every repository action.
 */
public enum RegistryPermission {
  /** Users, anonymous access, signing keys, replication admin (regions, events), everything. */
  ADMIN,
  /** {@code GET /v2/_catalog} (the token spec's {@code registry:catalog:*}). */
  CATALOG,
  /** Builds and tasks under {@code /meridian/v1/builds} and {@code /meridian/v1/tasks}. */
  BUILDS,
  /** Webhooks under {@code /meridian/v1/webhooks}. */
  WEBHOOKS;

  public String scopeName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RegistryPermission parse(String name) {
    for (RegistryPermission p : values()) {
      if (p.scopeName().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown registry permission: " + name);
  }
}

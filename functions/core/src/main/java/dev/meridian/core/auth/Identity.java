package dev.meridian.core.auth;

import dev.meridian.core.route.RegistryPermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user or robot account: its name, the bcrypt hash of its secret (never the secret), what it
 * may do, and a version for last-writer-wins replication of account changes between regions
 * ({@link ReplicatedIdentityStore}). A deleted account stays as a tombstone ({@code deleted}) so
 * that an older write arriving late cannot bring it back.
 */
public record Identity(
    String name,
    Kind kind,
    String secretHash,
    List<Grant> grants,
    Set<RegistryPermission> permissions,
    long version,
    Instant updated,
    boolean deleted) {

  /** Account names: lower-case, as short as Docker Hub's, no characters special in headers. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public enum Kind { USER, ROBOT }

  public Identity {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid account name: " + name
          + " (1-64 of a-z 0-9 . _ -, starting with a letter or digit)");
    }
    if (kind == null) {
      throw new IllegalArgumentException("an account needs a kind");
    }
    grants = grants == null ? List.of() : List.copyOf(grants);
    permissions = permissions == null || permissions.isEmpty() ? Set.of()
        : Set.copyOf(EnumSet.copyOf(permissions));
    if (!deleted && (secretHash == null || secretHash.isEmpty())) {
      throw new IllegalArgumentException("an account needs a secret");
    }
  }

  public boolean isAdmin() {
    return permissions.contains(RegistryPermission.ADMIN);
  }

  /** This account, changed, with the next version. */
  public Identity withChanges(String secretHash, List<Grant> grants,
      Set<RegistryPermission> permissions, Instant now) {
    return new Identity(name, kind, secretHash, grants, permissions, nextVersion(now), now, false);
  }

  /** The tombstone that replaces this account when it is deleted. */
  public Identity tombstone(Instant now) {
    return new Identity(name, kind, null, List.of(), Set.of(), nextVersion(now), now, true);
  }

  /**
   * Versions are milliseconds of the write's clock, and always above the previous version: two
   * regions' writes to one account are ordered by time, and two writes in one region by order.
   */
  private long nextVersion(Instant now) {
    return Math.max(now.toEpochMilli(), version + 1);
  }

  public static Identity create(String name, Kind kind, String secretHash, List<Grant> grants,
      Set<RegistryPermission> permissions, Instant now) {
    return new Identity(name, kind, secretHash, grants, permissions, now.toEpochMilli(), now,
        false);
  }
}

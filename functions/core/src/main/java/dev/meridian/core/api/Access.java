package dev.meridian.core.api;

import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.RouteAccess;
import java.util.Set;

/**
 * What one request's caller may do, as {@link RegistryHttpApi}'s routes ask it; {@link #OPEN}
 * allows everything (a registry assembled without auth).
 */
final class Access implements RouteAccess {
  static final Access OPEN = new Access(null);
  private static final Set<String> MOUNT_PARAMETERS = Set.of("mount", "from");

  private final RegistryAuth.Check check; // null: open

  Access(RegistryAuth.Check check) {
    this.check = check;
  }

  void authenticated() {
    if (check != null) {
      check.authenticated();
    }
  }

  @Override
  public void pull(RepositoryName name) {
    if (check != null) {
      check.pull(name.value());
    }
  }

  void push(RepositoryName name) {
    if (check != null) {
      check.push(name.value());
    }
  }

  /** GET/HEAD read, DELETE deletes, anything else writes (PUT; PATCH/POST are refused later). */
  void forMethod(String method, RepositoryName name) {
    if (check == null) {
      return;
    }
    switch (method) {
      case "GET", "HEAD" -> check.pull(name.value());
      case "DELETE" -> check.delete(name.value());
      default -> check.push(name.value());
    }
  }

  /** The authenticated account's name; "" when anonymous or open. */
  @Override
  public String caller() {
    return check == null ? "" : check.principal().name();
  }

  @Override
  public void permission(RegistryPermission permission) {
    if (check != null) {
      check.permission(permission);
    }
  }

  /**
   * Checks a {@code POST /v2/<name>/blobs/uploads/} and returns the request the upload should
   * see: without its cross-repository mount when the caller may not pull the source, since
   * mounting would hand them a blob they cannot read (CNCF distribution opens a normal upload
   * then, 202). Both this check and the mount read {@code mount} and {@code from} through {@link
   * HttpRequest#query}, the one decoder; a duplicated one is refused there (400).
   */
  HttpRequest startUpload(HttpRequest request, RepositoryName name) {
    String mount = request.query("mount");
    String from = request.query("from");
    if (check == null) {
      return request;
    }
    if (mount == null && from == null) {
      check.push(name.value());
      return request;
    }
    if (from != null && RepositoryName.isValid(from)
        && check.pushMounting(name.value(), from)) {
      return request;
    }
    // An invalid or unreadable source: no mount, whatever the spelling (BlobMounter would fall
    // back to an upload for an invalid one too; removing it here keeps that decision in one place).
    check.push(name.value());
    return request.withoutQueryParameters(MOUNT_PARAMETERS);
  }
}

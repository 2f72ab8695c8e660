package dev.meridian.core.api;

import dev.meridian.core.auth.RegistryAuth;
import dev.meridian.core.auth.RegistryPermission;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.oci.RepositoryName;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What one request's caller may do, as {@link RegistryHttpApi}'s routes ask it; {@link #OPEN}
 * allows everything (a registry assembled without auth).
 */
final class Access {
  static final Access OPEN = new Access(null);

  private final RegistryAuth.Check check; // null: open

  Access(RegistryAuth.Check check) {
    this.check = check;
  }

  void authenticated() {
    if (check != null) {
      check.authenticated();
    }
  }

  void pull(RepositoryName name) {
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
  String caller() {
    return check == null ? "" : check.principal().name();
  }

  void permission(RegistryPermission permission) {
    if (check != null) {
      check.permission(permission);
    }
  }

  /**
   * The upload request, without its cross-repository mount when the caller may not pull from
   * the source: mounting would hand them a blob they cannot read. CNCF distribution does the
   * same — the POST then opens a normal upload session (202), as for an unknown blob.
   */
  HttpRequest mountable(HttpRequest request) {
    String from = request.query("from");
    if (check == null || from == null || request.query("mount") == null
        || (RepositoryName.isValid(from) && check.mayPull(from))) {
      return request;
    }
    String query = Arrays.stream(request.rawQuery().split("&"))
        .filter(p -> !p.startsWith("mount=") && !p.startsWith("from=") && !p.equals("mount")
            && !p.equals("from"))
        .collect(Collectors.joining("&"));
    return new HttpRequest(request.method(), request.path(), query, request.headers(),
        request.body(), request.contentLength(), request.host(), request.scheme());
  }
}

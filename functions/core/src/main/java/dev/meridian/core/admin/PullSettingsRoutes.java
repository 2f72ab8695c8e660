package dev.meridian.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.OnMiss;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.PullSettings;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteJson;
import dev.meridian.core.route.RouteTable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code /meridian/v1/settings/pull} (the registry's {@code onMiss}) and {@code
 * /meridian/v1/settings/pull/<repository>} (a repository's override): GET, PUT {@code
 * {"onMiss":"report"|"fetch"}}, and DELETE of an override (issue 24; docs/api.md "Pull
 * settings"). Admin permission; a write goes to every region.
 */
public final class PullSettingsRoutes implements AdminRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PullSettings settings;

  public PullSettingsRoutes(PullSettings settings) {
    this.settings = settings;
  }

  @Override
  public List<Route> routes() {
    RoutePermission admin = RoutePermission.of(RegistryPermission.ADMIN);
    String registry = RouteTable.PREFIX + "settings/pull";
    String repository = registry + "/{repository+}";
    return AdminRoutes.rejectingInvalidInput(List.of(
        Route.of("GET", registry, admin, (r, p) -> describe(null)),
        Route.of("PUT", registry, admin, (r, p) -> put(r, null)),
        Route.of("DELETE", registry, admin, (r, p) -> {
          throw ErrorKind.METHOD_NOT_ALLOWED.because("the registry's setting can be changed, not deleted");
        }),
        Route.of("GET", repository, admin, (r, p) -> describe(repository(p))),
        Route.of("PUT", repository, admin, (r, p) -> put(r, repository(p))),
        Route.of("DELETE", repository, admin, (r, p) -> {
          RepositoryName name = repository(p);
          settings.clear(name);
          return describe(name);
        })));
  }

  private static RepositoryName repository(Route.PathParameters path) {
    return RepositoryName.parse(path.get("repository"));
  }

  private HttpResponse put(HttpRequest request, RepositoryName repository) {
    settings.set(repository, parse(AdminRoutes.readBody(request, 4096)));
    return describe(repository);
  }

  private HttpResponse describe(RepositoryName repository) {
    Optional<OnMiss> held = settings.get(repository);
    ObjectNode body = RouteJson.object();
    if (repository != null) {
      body.put("repository", repository.value());
      body.put("onMiss", held.map(OnMiss::wireName).orElse(null));
      body.put("effective", held.or(() -> settings.get(null)).orElse(OnMiss.REPORT).wireName());
    } else {
      body.put("onMiss", held.orElse(OnMiss.REPORT).wireName());
    }
    return RouteJson.response(body);
  }

  private static OnMiss parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject() || !node.path("onMiss").isTextual()) {
        throw new IllegalArgumentException("request body must be {\"onMiss\":\"report\"|\"fetch\"}");
      }
      return OnMiss.parse(node.get("onMiss").asText());
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not JSON: " + e.getMessage());
    }
  }
}

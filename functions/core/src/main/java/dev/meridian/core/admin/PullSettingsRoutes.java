package dev.meridian.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.api.AdminRoutes;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.OnMiss;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.PullSettings;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /meridian/v1/settings/pull} (the registry's {@code onMiss}) and {@code
 * /meridian/v1/settings/pull/<repository>} (a repository's override): GET, PUT {@code
 * {"onMiss":"report"|"fetch"}}, and DELETE of an override (issue 24; docs/api.md "Pull
 * settings"). Admin permission; a write goes to every region.
 */
public final class PullSettingsRoutes implements AdminRoutes {
  static final String PREFIX = "settings/pull";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PullSettings settings;

  public PullSettingsRoutes(PullSettings settings) {
    this.settings = settings;
  }

  static boolean owns(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  @Override
  public HttpResponse handle(HttpRequest request, String path) {
    RepositoryName repository = path.equals(PREFIX) ? null
        : RepositoryName.parse(path.substring(PREFIX.length() + 1));
    return AdminRoutes.rejectingInvalidInput(() -> switch (request.method()) {
      case "GET" -> describe(repository);
      case "PUT" -> {
        settings.set(repository, parse(AdminRoutes.readBody(request, 4096)));
        yield describe(repository);
      }
      case "DELETE" -> {
        if (repository == null) {
          throw new RegistryException(OciErrorCode.UNSUPPORTED, 405,
              "the registry's setting can be changed, not deleted");
        }
        settings.clear(repository);
        yield describe(repository);
      }
      default -> throw AdminRoutes.methodNotAllowed(request.method());
    });
  }

  private HttpResponse describe(RepositoryName repository) {
    Optional<OnMiss> held = settings.get(repository);
    ObjectNode body = AdminJson.object();
    if (repository != null) {
      body.put("repository", repository.value());
      body.put("onMiss", held.map(OnMiss::wireName).orElse(null));
      body.put("effective", held.or(() -> settings.get(null)).orElse(OnMiss.REPORT).wireName());
    } else {
      body.put("onMiss", held.orElse(OnMiss.REPORT).wireName());
    }
    return AdminJson.response(body);
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

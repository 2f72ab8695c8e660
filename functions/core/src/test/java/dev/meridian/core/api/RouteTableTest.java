package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.fakes.EveryCapability;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The route table of a region with every capability: the whole of {@code /meridian/v1/} with the
 * permission each route needs (docs/security.md), and how the table matches a request.
 */
class RouteTableTest {
  private static final RoutePermission ADMIN = RoutePermission.of(RegistryPermission.ADMIN);
  private final RouteTable table = EveryCapability.table(Clock.systemUTC());

  /** A new route shows up here: its permission is then a reviewed decision. */
  @Test
  void routes_listEveryEndpointOfMeridiansApi_withItsPermission() {
    assertThat(table.routes()).extracting(r -> r.key() + " | " + r.permission()).containsExactly(
      "GET /meridian/v1/token | none (before authentication)",
      "POST /meridian/v1/token | none (before authentication)",
      "GET /meridian/v1/users | admin",
      "POST /meridian/v1/users | admin",
      "POST /meridian/v1/users/{name}/secret | admin",
      "GET /meridian/v1/users/{name} | admin",
      "PUT /meridian/v1/users/{name} | admin",
      "DELETE /meridian/v1/users/{name} | admin",
      "GET /meridian/v1/anonymous | admin",
      "PUT /meridian/v1/anonymous | admin",
      "GET /meridian/v1/signing-keys | admin",
      "POST /meridian/v1/signing-keys/rotate | admin",
      "GET /meridian/v1/replication/{repository+}/{reference} | pull on {repository}",
      "GET /meridian/v1/regions | admin",
      "GET /meridian/v1/events | admin",
      "GET /meridian/v1/settings/pull | admin",
      "PUT /meridian/v1/settings/pull | admin",
      "DELETE /meridian/v1/settings/pull | admin",
      "GET /meridian/v1/settings/pull/{repository+} | admin",
      "PUT /meridian/v1/settings/pull/{repository+} | admin",
      "DELETE /meridian/v1/settings/pull/{repository+} | admin",
      "GET /meridian/v1/audit | admin",
      "GET /meridian/v1/audit/verify | admin",
      "GET /meridian/v1/webhooks | webhooks",
      "POST /meridian/v1/webhooks | webhooks",
      "POST /meridian/v1/webhooks/{name}/events/{id}/redeliver | webhooks",
      "GET /meridian/v1/webhooks/{name}/events | webhooks",
      "POST /meridian/v1/webhooks/{name}/ping | webhooks",
      "GET /meridian/v1/webhooks/{name} | webhooks",
      "PATCH /meridian/v1/webhooks/{name} | webhooks",
      "PUT /meridian/v1/webhooks/{name} | webhooks",
      "DELETE /meridian/v1/webhooks/{name} | webhooks",
      "POST /meridian/v1/runs | admin",
      "GET /meridian/v1/builds | builds",
      "POST /meridian/v1/builds | builds",
      "POST /meridian/v1/builds/contexts | builds",
      "POST /meridian/v1/builds/{id}/cancel | builds",
      "GET /meridian/v1/builds/{id}/logs | builds",
      "GET /meridian/v1/builds/{id} | builds",
      "GET /meridian/v1/tasks | builds",
      "POST /meridian/v1/tasks | builds",
      "POST /meridian/v1/tasks/{name}/trigger | none (signed request)",
      "POST /meridian/v1/tasks/{name}/run | builds",
      "GET /meridian/v1/tasks/{name}/runs | builds",
      "GET /meridian/v1/tasks/{name} | builds",
      "PATCH /meridian/v1/tasks/{name} | builds",
      "DELETE /meridian/v1/tasks/{name} | builds",
      "POST /meridian/v1/gc | admin",
      "GET /meridian/v1/gc/runs | admin",
      "GET /meridian/v1/usage | admin",
      "GET /meridian/v1/quotas | admin",
      "PUT /meridian/v1/quotas | admin",
      "DELETE /meridian/v1/quotas | admin",
      "GET /meridian/v1/retention/rules | admin",
      "GET /meridian/v1/retention/rules/{name} | admin",
      "PUT /meridian/v1/retention/rules/{name} | admin",
      "DELETE /meridian/v1/retention/rules/{name} | admin",
      "POST /meridian/v1/retention/run | admin",
      "GET /meridian/v1/locks | admin",
      "PUT /meridian/v1/locks | admin",
      "DELETE /meridian/v1/locks | admin",
      "GET /meridian/v1/immutability | admin",
      "PUT /meridian/v1/immutability/{name} | admin",
      "DELETE /meridian/v1/immutability/{name} | admin",
      "GET /meridian/v1/soft-delete | admin",
      "PUT /meridian/v1/soft-delete | admin",
      "POST /meridian/v1/deleted/{repository+}/{digest}/restore | admin",
      "GET /meridian/v1/deleted/{repository+} | admin");
  }

  @Test
  void routes_eachHasAPermission_andNoTwoShareAMethodAndPattern() {
    Set<String> keys = new HashSet<>();
    for (Route route : table.routes()) {
      assertThat(route.permission()).as(route.key()).isNotNull();
      assertThat(keys.add(route.method() + " " + route.pattern().template()))
          .as("a second route for " + route.key()).isTrue();
    }
  }

  @Test
  void of_whenTwoRoutesShareAMethodAndPattern_refusesTheTable() {
    Route first = Route.of("GET", "/meridian/v1/things", ADMIN, (r, p) -> HttpResponse.of(200));
    Route second = Route.of("GET", "/meridian/v1/things", ADMIN, (r, p) -> HttpResponse.of(204));

    assertThatThrownBy(() -> RouteTable.of(List.of(first, second)))
        .hasMessageContaining("two routes for GET /meridian/v1/things");
  }

  @Test
  void of_whenOnePatternNeedsTwoPermissions_refusesTheTable() {
    Route get = Route.of("GET", "/meridian/v1/things", ADMIN, (r, p) -> HttpResponse.of(200));
    Route put = Route.of("PUT", "/meridian/v1/things",
        RoutePermission.of(RegistryPermission.WEBHOOKS), (r, p) -> HttpResponse.of(200));

    assertThatThrownBy(() -> RouteTable.of(List.of(get, put)))
        .hasMessageContaining("/meridian/v1/things needs both");
  }

  @Test
  void dispatch_firstMatchingPatternWins_andItsParametersReachTheHandler() {
    RouteTable t = RouteTable.of(List.of(
        Route.of("POST", "/meridian/v1/deleted/{repository+}/{digest}/restore", ADMIN,
            (r, p) -> text(p.get("repository") + "@" + p.get("digest"))),
        Route.of("GET", "/meridian/v1/deleted/{repository+}", ADMIN,
            (r, p) -> text(p.get("repository")))));

    assertThat(t.dispatch(request("POST", "/meridian/v1/deleted/a/b/sha256:1/restore")).headers()
        .first("X-Parameters")).isEqualTo("a/b@sha256:1");
    assertThat(t.dispatch(request("GET", "/meridian/v1/deleted/a/b")).headers()
        .first("X-Parameters")).isEqualTo("a/b");
    // The restore pattern matched first: its only method is POST.
    assertThatThrownBy(() -> t.dispatch(request("GET", "/meridian/v1/deleted/a/b/c/restore")))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(405);
          assertThat(e.code()).isEqualTo(OciErrorCode.UNSUPPORTED);
          assertThat(e.getMessage()).isEqualTo("method not allowed: GET");
        });
  }

  @Test
  void dispatch_whenNoPatternMatches_404NameUnknownNamingThePath() {
    assertThatThrownBy(() -> table.dispatch(request("GET", "/meridian/v1/webhooks/a/b/c")))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.code()).isEqualTo(OciErrorCode.NAME_UNKNOWN);
          assertThat(e.getMessage()).isEqualTo("no such endpoint: /meridian/v1/webhooks/a/b/c");
        });
  }

  private static HttpResponse text(String value) {
    return HttpResponse.of(200).header("X-Parameters", value);
  }

  private static HttpRequest request(String method, String path) {
    return new HttpRequest(method, path, "", new HttpHeaders(),
        new ByteArrayInputStream(new byte[0]), 0, "reg.test", "http");
  }
}

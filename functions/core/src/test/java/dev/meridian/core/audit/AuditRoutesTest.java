package dev.meridian.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.fakes.InMemoryAuditStore;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.route.RouteTable;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRoutesTest {
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final AuditLog log = new AuditLog("eastus", store, Map.of(), AuditSettings.defaults(),
      Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));
  private final RouteTable routes = RouteTable.of(new AuditRoutes(log, "eastus").routes());

  private static HttpRequest get(String path, String query) {
    return new HttpRequest("GET", path, query, new HttpHeaders(), null, 0,
        "registry.test", "http");
  }

  private static JsonNode json(HttpResponse response) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.body().writeTo(out);
    return new ObjectMapper().readTree(out.toByteArray());
  }

  @Test
  void list_whenFilteredByDateAndRepository_answersTheMatchingRecords() throws Exception {
    log.append(new AuditEntry("alice", "image.push", 201, "10.0.0.1", "team/app", "v1", "", ""));
    log.append(new AuditEntry("bob", "image.push", 201, "10.0.0.2", "team/web", "v1", "", ""));

    JsonNode body = json(routes.dispatch(get("/meridian/v1/audit", "from=2026-12-07&repo=team/app")));

    assertThat(body.path("records")).hasSize(1);
    assertThat(body.path("records").get(0).path("actor").asText()).isEqualTo("alice");
    assertThat(body.path("records").get(0).path("hash").asText()).hasSize(64);
  }

  @Test
  void list_whenTimeOrLimitIsInvalid_isRefusedWith400() {
    assertThatThrownBy(() -> routes.dispatch(get("/meridian/v1/audit", "from=yesterday")))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> routes.dispatch(get("/meridian/v1/audit", "limit=5000")))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void verify_whenARecordWasAltered_answersNotIntactNamingIt() throws Exception {
    AuditRecord first = log.append(new AuditEntry("alice", "x", 200, "", "", "", "", ""));
    store.overwrite(new AuditRecord(first.origin(), 1, first.time(),
        new AuditEntry("mallory", "x", 200, "", "", "", "", ""), first.previousHash(), first.hash()));

    JsonNode body = json(routes.dispatch(get("/meridian/v1/audit/verify", "")));

    assertThat(body.path("intact").asBoolean()).isFalse();
    assertThat(body.path("chains").get(0).path("problems").get(0).path("sequence").asLong())
        .isEqualTo(1);
  }
}

package dev.meridian.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /meridian/v1/audit?from=&to=&actor=&repo=&action=&region=&limit=} (newest first) and
 * {@code GET /meridian/v1/audit/verify} (every region's chain checked); both need {@code admin}
 * (docs/api.md "Audit log").
 */
public final class AuditRoutes implements AdminRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditLog log;
  private final String region;

  public AuditRoutes(AuditLog log, String region) {
    this.log = log;
    this.region = region;
  }

  @Override
  public List<Route> routes() {
    RoutePermission admin = RoutePermission.of(RegistryPermission.ADMIN);
    return List.of(
        Route.of("GET", RouteTable.PREFIX + "audit", admin,
            (r, p) -> AdminRoutes.rejectingInvalidInput(() -> list(r))),
        Route.of("GET", RouteTable.PREFIX + "audit/verify", admin, (r, p) -> verify()));
  }

  private HttpResponse list(HttpRequest request) {
    String limit = request.query("limit");
    AuditQuery query = new AuditQuery(time(request, "from"), time(request, "to"),
        blankToNull(request.query("actor")), blankToNull(request.query("repo")),
        blankToNull(request.query("action")), blankToNull(request.query("region")),
        limit == null ? AuditQuery.DEFAULT_LIMIT : number(limit));
    List<AuditRecord> records = log.query(query);
    ObjectNode body = JSON.createObjectNode().put("region", region);
    ArrayNode array = body.putArray("records");
    records.forEach(r -> array.add(AuditJson.node(r)));
    body.put("truncated", records.size() == query.limit());
    return json(body);
  }

  private HttpResponse verify() {
    List<ChainReport> reports = log.verify();
    ObjectNode body = JSON.createObjectNode().put("region", region)
        .put("intact", reports.stream().allMatch(ChainReport::intact));
    ArrayNode chains = body.putArray("chains");
    for (ChainReport r : reports) {
      ObjectNode chain = chains.addObject().put("origin", r.origin()).put("records", r.records())
          .put("firstSequence", r.firstSequence()).put("lastSequence", r.lastSequence())
          .put("headHash", r.headHash()).put("intact", r.intact());
      ArrayNode problems = chain.putArray("problems");
      r.problems().forEach(p -> problems.addObject().put("sequence", p.sequence())
          .put("reason", p.reason()));
    }
    return json(body);
  }

  /** An ISO-8601 instant ({@code 2026-12-07T13:00:00Z}) or a UTC date ({@code 2026-12-07}). */
  private static Instant time(HttpRequest request, String name) {
    String text = blankToNull(request.query(name));
    if (text == null) {
      return null;
    }
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO-8601 instant or date, got "
          + text);
    }
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a number, got " + text);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static HttpResponse json(ObjectNode body) {
    try {
      return new HttpResponse(200, new HttpHeaders().set("Content-Type", "application/json")
          .set("Cache-Control", "no-store"), ResponseBody.of(JSON.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render audit JSON", e);
    }
  }
}

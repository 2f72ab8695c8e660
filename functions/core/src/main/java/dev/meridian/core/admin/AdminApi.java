package dev.meridian.core.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.replication.ReplicationStatus;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteJson;
import dev.meridian.core.route.RouteTable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /meridian/v1/} on every regional endpoint (issue 3 items 4, 5, 9; docs/api.md "Admin
 * API"): replication status of a reference in every region, the regions with this region's lag
 * towards each peer, and a page of this region's event log (read-only, JSON).
 */
public final class AdminApi implements AdminRoutes {
  static final int DEFAULT_EVENTS = 100;
  static final int MAX_EVENTS = 1000;

  private final ReplicaSet replicas;
  private final Region self;
  private final Map<Seed, URI> endpoints;
  private final Clock clock;
  private final ReplicationStatus status;
  private final ReplicationLag lag;

  /**
   * @param selfSeed this region's seed in {@code replicas}
   * @param endpoints every region's public base URL by seed ({@code
   *     RegistrySettings.regionEndpoints()}); a region missing from it is listed with a null
   *     endpoint
   */
  public AdminApi(ReplicaSet replicas, Seed selfSeed, Map<Seed, URI> endpoints, Clock clock) {
    this.replicas = replicas;
    this.self = replicas.region(selfSeed);
    this.endpoints = Map.copyOf(endpoints);
    this.clock = clock;
    this.status = new ReplicationStatus(replicas, clock);
    this.lag = new ReplicationLag(replicas, self);
  }

  /** A replication status needs pull on its repository; regions and the event log admin. */
  @Override
  public List<Route> routes() {
    RoutePermission admin = RoutePermission.of(RegistryPermission.ADMIN);
    return List.of(
        Route.of("GET", RouteTable.PREFIX + "replication/{repository+}/{reference}",
            RoutePermission.pullOn("repository"), (r, p) -> replication(
                RepositoryName.parse(p.get("repository")), p.get("reference"))),
        Route.of("GET", RouteTable.PREFIX + "regions", admin, (r, p) -> regions()),
        Route.of("GET", RouteTable.PREFIX + "events", admin, (r, p) -> events(r)));
  }

  private HttpResponse replication(RepositoryName repository, String reference) {
    List<ReplicationStatus.RegionState> states = status.of(repository, reference);
    ObjectNode body = RouteJson.object()
        .put("repository", repository.value())
        .put("reference", reference);
    ArrayNode regions = body.putArray("regions");
    states.forEach(s -> regions.add(AdminJson.regionState(s)));
    return RouteJson.response(body);
  }

  private HttpResponse regions() {
    Instant now = clock.instant();
    Map<Seed, ReplicationLag.PeerLag> lags = new java.util.HashMap<>();
    lag.perPeer().forEach(l -> lags.put(l.seed(), l));
    ObjectNode body = RouteJson.object().put("region", self.name()).put("seed", self.seed().value());
    ArrayNode regions = body.putArray("regions");
    for (Region r : replicas.regions()) {
      URI endpoint = endpoints.get(r.seed());
      ObjectNode node = regions.addObject()
          .put("name", r.name())
          .put("seed", r.seed().value())
          .put("endpoint", endpoint == null ? null : endpoint.toString())
          .put("self", r.seed().equals(self.seed()));
      ReplicationLag.PeerLag l = lags.get(r.seed());
      if (l != null) {
        node.set("replication", AdminJson.lag(l, l.oldestPending() == null ? null
            : Duration.between(l.oldestPending(), now)));
      }
    }
    return RouteJson.response(body);
  }

  /** A page of the log; {@code next} is the cursor to pass as {@code after}. */
  private HttpResponse events(HttpRequest request) {
    long after = number(request, "after", 0, Long.MAX_VALUE);
    int limit = (int) number(request, "limit", DEFAULT_EVENTS, Integer.MAX_VALUE);
    limit = Math.min(limit, MAX_EVENTS);
    EventLog log = self.events();
    List<RegistryEvent> page = limit == 0 ? List.of() : log.readAfter(after, limit);
    long next = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
    ObjectNode body = RouteJson.object().put("region", self.name()).put("next", next);
    ArrayNode events = body.putArray("events");
    page.forEach(e -> events.add(AdminJson.event(e)));
    HttpResponse response = RouteJson.response(body);
    if (limit > 0 && page.size() == limit) {
      // RFC 8288, as tags/list pages: more may follow.
      response.header("Link", "</meridian/v1/events?after=" + next + "&limit=" + limit
          + ">; rel=\"next\"");
    }
    return response;
  }

  private static long number(HttpRequest request, String name, long absent, long max) {
    String text = request.query(name);
    if (text == null) {
      return absent;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    // As tags/list's bad n: the spec has no code for a bad parameter, UNSUPPORTED is nearest.
    throw ErrorKind.INVALID_INPUT.because(name + " must be a non-negative integer, got " + text);
  }
}

package dev.meridian.core.lifecycle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.lifecycle.gc.GarbageCollector;
import dev.meridian.core.lifecycle.gc.GcRoutes;
import dev.meridian.core.lifecycle.quota.UsageMeter;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RouteJson;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /meridian/v1/gc}, {@code gc/runs} and {@code usage} (docs/api.md "Lifecycle"; the quota
 * routes are {@link dev.meridian.core.lifecycle.quota.QuotaRoutes}). All need {@code admin}.
 */
public final class LifecycleRoutes implements AdminRoutes {
  private final GcRoutes gc;
  private final ReplicaSet replicas;

  public LifecycleRoutes(GarbageCollector collector, ReplicaSet replicas) {
    this.gc = new GcRoutes(collector);
    this.replicas = replicas;
  }

  @Override
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>(gc.routes());
    routes.add(Route.of("GET", RouteTable.PREFIX + "usage",
        RoutePermission.of(RegistryPermission.ADMIN), (r, p) -> usage(r.query("region"))));
    return routes;
  }

  /** Usage per region (every region's index) and repository; {@code region} picks one. */
  private HttpResponse usage(String only) {
    ObjectNode body = RouteJson.object();
    ArrayNode regions = body.putArray("regions");
    boolean found = false;
    for (Region region : replicas.regions()) {
      if (only != null && !only.equals(region.name())) {
        continue;
      }
      found = true;
      Map<String, UsageMeter.Usage> repos = new UsageMeter(region.index()).repositories();
      ObjectNode node = regions.addObject().put("region", region.name())
          .put("bytes", UsageMeter.total(repos));
      ArrayNode list = node.putArray("repositories");
      repos.forEach((name, u) -> list.addObject().put("name", name).put("bytes", u.bytes())
          .put("blobs", u.blobs()));
    }
    if (!found) {
      throw ErrorKind.NOT_FOUND.because("no region " + only);
    }
    return RouteJson.response(body);
  }
}

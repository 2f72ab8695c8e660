package dev.meridian.core.lifecycle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.admin.AdminJson;
import dev.meridian.core.api.AdminRoutes;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.lifecycle.gc.GarbageCollector;
import dev.meridian.core.lifecycle.gc.GcRoutes;
import dev.meridian.core.lifecycle.quota.QuotaRoutes;
import dev.meridian.core.lifecycle.quota.UsageMeter;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import java.util.Map;

/**
 * {@code /meridian/v1/gc}, {@code gc/runs}, {@code usage} and {@code quotas} (docs/api.md
 * "Lifecycle"), in front of the rest of the admin API. All need the {@code admin} permission
 * ({@code RegistryHttpApi}).
 */
public final class LifecycleRoutes implements AdminRoutes {
  private final GcRoutes gc;
  private final QuotaRoutes quotas;
  private final ReplicaSet replicas;
  private final AdminRoutes rest;

  /** {@code quotas} null: no quota routes; {@code rest} serves every other path. */
  public LifecycleRoutes(GarbageCollector collector, QuotaRoutes quotas, ReplicaSet replicas,
      AdminRoutes rest) {
    this.gc = new GcRoutes(collector);
    this.quotas = quotas;
    this.replicas = replicas;
    this.rest = rest;
  }

  @Override
  public HttpResponse handle(HttpRequest request, String path) {
    if (path.equals("gc") || path.startsWith("gc/")) {
      return gc.handle(request, path);
    }
    if (path.equals("usage")) {
      AdminRoutes.requireMethod(request.method(), "GET");
      return usage(request.query("region"));
    }
    if (quotas != null && path.equals("quotas")) {
      return AdminRoutes.rejectingInvalidInput(() -> quotas.handle(request, path));
    }
    return rest.handle(request, path);
  }

  /** Usage per region (every region's index) and repository; {@code region} picks one. */
  private HttpResponse usage(String only) {
    ObjectNode body = AdminJson.object();
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
      throw new RegistryException(OciErrorCode.NAME_UNKNOWN, 404, "no region " + only);
    }
    return AdminJson.response(body);
  }
}

package dev.meridian.core.replication;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.lifecycle.Lifecycle;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.TagRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link MultiRegionHarness} with each region's {@link Lifecycle} (locks in front of its endpoints
 * and of replication's tag arrivals, configuration written to every bucket).
 */
final class LifecycleHarness {
  final MultiRegionHarness h;
  final Map<String, Lifecycle> lifecycles = new LinkedHashMap<>();

  LifecycleHarness(int regions, long seed, NotificationBus.Faults faults) {
    h = new MultiRegionHarness(regions, seed, faults);
    Map<String, ObjectStore> buckets = new LinkedHashMap<>();
    h.nodes.values().forEach(n -> buckets.put(n.region().name(), n.store()));
    h.nodes.forEach((s, n) -> lifecycles.put(s, Lifecycle.of(n.store(), buckets, n.index(),
        n.endpoints().service(), new Seed(s), h.clock)));
  }

  Lifecycle lifecycle(String seed) {
    return lifecycles.get(seed);
  }

  /** The manifest bytes of a one-layer image named {@code name}, its blobs seeded in {@code seed}. */
  String image(String seed, String repository, String name) {
    Digest config = h.seedBlob(seed, repository, "{\"config\":\"" + name + "\"}");
    Digest layer = h.seedBlob(seed, repository, "layer of " + name);
    return TestManifests.oci(config, "", layer);
  }

  HttpResponse put(String seed, String repository, String reference, String manifest) {
    return h.send(seed, "PUT", "/v2/" + repository + "/manifests/" + reference,
        MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest {@code tag} resolves to in {@code seed}'s index, or null. */
  Digest tagIn(String seed, String repository, String tag) {
    return h.node(seed).index().getTag(RepositoryName.parse(repository), tag)
        .filter(t -> !t.isDeleted()).map(TagRecord::digest).orElse(null);
  }

  /** Faults off, a reconcile and a lifecycle pass per region, twice, everything delivered. */
  void converge() {
    h.bus.runUntilQuiet();
    h.bus.setFaults(NotificationBus.Faults.NONE);
    for (int round = 0; round < 2; round++) {
      for (String seed : h.nodes.keySet()) {
        h.node(seed).reconciler().reconcile();
        lifecycle(seed).enforcer().enforce();
      }
      h.bus.runUntilQuiet();
    }
  }
}

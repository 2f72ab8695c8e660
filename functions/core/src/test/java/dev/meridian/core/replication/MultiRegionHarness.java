package dev.meridian.core.replication;

import dev.meridian.core.fakes.InMemoryEventLog;
import dev.meridian.core.fakes.InMemoryMetadataIndex;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.TestRegionApi;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.BlobRecord;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N regions over in-memory fakes (seeds {@code aa}, {@code ab}, …), each with its HTTP API,
 * replicator and reconciler, joined by a {@link NotificationBus}. Every bucket's ObjectCreated
 * notifications go to the bus; nothing replicates until the bus delivers.
 */
final class MultiRegionHarness {
  static final String[] NAMES = {"eastus", "westeurope", "canadacentral", "japaneast"};

  /** One region and its parts. */
  record Node(Region region, FlakyObjectStore store, InMemoryMetadataIndex index,
      InMemoryEventLog log, ManifestEndpoints endpoints, HttpHandler api, Replicator replicator,
      Reconciler reconciler) {}

  final NotificationBus bus;
  final Map<String, Node> nodes = new LinkedHashMap<>();
  final ReplicaSet replicas;
  /** A clock every region shares; each reading moves it one millisecond (HLCs stay distinct). */
  final Clock clock = new TickingClock();

  MultiRegionHarness(int regions, long seed, NotificationBus.Faults faults) {
    this(regions, seed, faults, null);
  }

  /** As above; with a {@code counter}, every region's index and bucket calls are counted. */
  MultiRegionHarness(int regions, long seed, NotificationBus.Faults faults, CallCounter counter) {
    bus = new NotificationBus(seed, faults);
    List<Region> list = new ArrayList<>();
    Map<String, FlakyObjectStore> stores = new LinkedHashMap<>();
    Map<String, InMemoryMetadataIndex> indexes = new LinkedHashMap<>();
    for (int i = 0; i < regions; i++) {
      String regionSeed = "a" + "abcdefgh".charAt(i);
      InMemoryObjectStore bucket = new InMemoryObjectStore("meridian-" + NAMES[i]);
      bucket.onObjectCreated(e -> bus.publish(regionSeed, e));
      FlakyObjectStore store = new FlakyObjectStore(bucket);
      stores.put(regionSeed, store);
      InMemoryMetadataIndex index = new InMemoryMetadataIndex();
      indexes.put(regionSeed, index);
      list.add(counter == null
          ? new Region(NAMES[i], new Seed(regionSeed), store, index, new InMemoryEventLog())
          : new Region(NAMES[i], new Seed(regionSeed), counter.objects(store),
              counter.index(index), new InMemoryEventLog()));
    }
    replicas = new ReplicaSet(list);
    for (Region region : list) {
      RegistrySettings settings = RegistrySettings.defaults("meridian", region.name(),
          region.seed()).withBlobDelivery(RegistrySettings.BlobDelivery.STREAM);
      ManifestEndpoints endpoints = new ManifestEndpoints(settings, region.objects(),
          region.index(), clock, region.events());
      HttpHandler api = TestRegionApi.region(settings, region.objects(), region.index(), clock)
          .manifests(endpoints).httpApi();
      ReplicationListener listener = ReplicationListener.of(endpoints.service());
      Replicator replicator = new Replicator(replicas, region.seed(), listener, clock);
      bus.register(region.seed().value(), replicator);
      nodes.put(region.seed().value(), new Node(region, stores.get(region.seed().value()),
          indexes.get(region.seed().value()), (InMemoryEventLog) region.events(), endpoints,
          api, replicator, new Reconciler(replicas, region.seed(), listener, clock)));
    }
  }

  Node node(String seed) {
    return nodes.get(seed);
  }

  /** Writes a blob into a region as a finished upload does: object, blob record, link. */
  Digest seedBlob(String seed, String repository, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Digest digest = TestManifests.digestOf(content);
    Node n = node(seed);
    n.store().put(StorageLayout.blob(digest), new ByteArrayInputStream(bytes), bytes.length,
        "application/octet-stream");
    n.index().putBlob(new BlobRecord(digest, bytes.length, clock.instant()));
    n.index().linkBlob(RepositoryName.parse(repository), digest, bytes.length);
    return digest;
  }

  /** Pushes an image of a config and {@code layers} layers (contents from {@code name}). */
  Digest pushImage(String seed, String repository, String tag, String name, int layers) {
    Digest config = seedBlob(seed, repository, "{\"config\":\"" + name + "\"}");
    Digest[] layerDigests = new Digest[layers];
    for (int i = 0; i < layers; i++) {
      layerDigests[i] = seedBlob(seed, repository, "layer " + i + " of " + name);
    }
    String manifest = TestManifests.oci(config, "", layerDigests);
    HttpResponse r = send(seed, "PUT", "/v2/" + repository + "/manifests/" + tag,
        MediaTypes.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
    if (r.status() != 201) {
      throw new IllegalStateException("push failed: " + r.status() + " " + text(r));
    }
    return TestManifests.digestOf(manifest);
  }

  HttpResponse send(String seed, String method, String path, String contentType, byte[] body) {
    return send(seed, method, path, "", contentType, body);
  }

  /** As above, with a query string ({@code digest=…}). */
  HttpResponse send(String seed, String method, String path, String query, String contentType,
      byte[] body) {
    HttpHeaders headers = new HttpHeaders().set("User-Agent", "harness/1.0")
        .set("X-Request-Id", "req-" + method + "-" + path.hashCode());
    if (contentType != null) {
      headers.set("Content-Type", contentType);
    }
    headers.set("Accept", MediaTypes.OCI_MANIFEST + ", " + MediaTypes.OCI_INDEX);
    byte[] bytes = body == null ? new byte[0] : body;
    return node(seed).api().handle(new HttpRequest(method, path, query, headers,
        new ByteArrayInputStream(bytes), bytes.length, NAMES[0] + ".registry.test", "http"));
  }

  HttpResponse get(String seed, String path) {
    return send(seed, "GET", path, null, null);
  }

  static byte[] bytes(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String text(HttpResponse response) {
    return new String(bytes(response), StandardCharsets.UTF_8);
  }

  /** A clock that advances 1 ms per reading: deterministic and never equal twice. */
  static final class TickingClock extends Clock {
    private final AtomicLong millis = new AtomicLong(Instant.parse("2025-01-01T00:00:00Z")
        .toEpochMilli());

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.incrementAndGet());
    }

    /** Moves the clock on by {@code duration} (time passing between two reconcile passes). */
    void advance(java.time.Duration duration) {
      millis.addAndGet(duration.toMillis());
    }
  }
}

package dev.meridian.core.fakes;

import dev.meridian.core.admin.AdminApi;
import dev.meridian.core.admin.PullSettingsRoutes;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.manifest.ReplicaReads;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.replication.ObjectCreated;
import dev.meridian.core.replication.PeerBlobFetcher;
import dev.meridian.core.replication.PeerReads;
import dev.meridian.core.replication.PullSettings;
import dev.meridian.core.replication.Region;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.replication.ReplicationListener;
import dev.meridian.core.replication.Replicator;
import dev.meridian.core.settings.RegistrySettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replica set of in-memory regions wired as a runtime should wire one: each region's API has
 * write-anywhere manifest PUTs ({@link PeerBlobFetcher}), region-sticky signed upload Locations
 * (endpoint {@code http://<name>.registry.test}, a shared key) and the admin API. Notifications
 * queue up and replicate only on {@link #replicateAll()}, so tests see "before replication".
 */
public final class ReplicaSetFixture {
  public static final String KEY = "test-signing-key";
  static final String[] NAMES = {"eastus", "westeurope", "canadacentral"};

  /** One region: its parts and its HTTP API. */
  public record Node(Region region, InMemoryObjectStore store, InMemoryMetadataIndex index,
      InMemoryEventLog log, HttpHandler api, Replicator replicator) {}

  public final ReplicaSet replicas;
  public final Map<String, Node> nodes = new LinkedHashMap<>();
  public final Map<Seed, URI> endpoints = new LinkedHashMap<>();
  public final Clock clock;
  /** Each region's {@link PullSettings} (only with peer reads; else empty). */
  public final Map<String, PullSettings> pullSettings = new LinkedHashMap<>();
  private final Deque<Map.Entry<String, ObjectCreated>> queue = new ArrayDeque<>();

  public ReplicaSetFixture(int regions) {
    this(regions, KEY);
  }

  /** {@code signingKey} null: unsigned (but absolute) Locations. */
  public ReplicaSetFixture(int regions, String signingKey) {
    this(regions, signingKey, Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC),
        false);
  }

  /**
   * As above on {@code clock}; with {@code peerReads}, pulls that miss ask the peers as a runtime
   * wires them ({@link PeerReads}: explained misses, {@code onMiss: fetch}, pull-through copies).
   */
  public ReplicaSetFixture(int regions, String signingKey, Clock clock, boolean peerReads) {
    this.clock = clock;
    List<Region> list = new ArrayList<>();
    for (int i = 0; i < regions; i++) {
      String seed = "a" + "abc".charAt(i);
      InMemoryObjectStore store = new InMemoryObjectStore("meridian-" + NAMES[i]);
      store.onObjectCreated(e -> {
        synchronized (queue) {
          queue.add(Map.entry(seed, e));
        }
      });
      list.add(new Region(NAMES[i], new Seed(seed), store, new InMemoryMetadataIndex(),
          new InMemoryEventLog()));
      endpoints.put(new Seed(seed), URI.create("http://" + NAMES[i] + ".registry.test"));
    }
    replicas = new ReplicaSet(list);
    for (Region r : list) {
      RegistrySettings settings = RegistrySettings.defaults("meridian", r.name(), r.seed())
          .withBlobDelivery(RegistrySettings.BlobDelivery.STREAM)
          .withRegionEndpoints(endpoints).withUploadSigningKey(signingKey);
      Replicator[] replicator = new Replicator[1];
      ReplicaReads reads = ReplicaReads.NONE;
      TestRegionApi region = TestRegionApi.region(settings, r.objects(), r.index(), clock)
          .routes(new AdminApi(replicas, r.seed(), endpoints, clock));
      if (peerReads) {
        PullSettings pulls = new PullSettings(replicas, r.seed());
        pullSettings.put(r.seed().value(), pulls);
        region.routes(new PullSettingsRoutes(pulls));
        reads = PeerReads.of(replicas, r.seed(), clock, Duration.ofMinutes(20), pulls,
            () -> replicator[0]);
      }
      ManifestService service = new ManifestService(settings, r.objects(), r.index(), clock,
          r.events(), PeerBlobFetcher.of(replicas, r.seed(), clock));
      ManifestEndpoints manifests = new ManifestEndpoints(settings, service, r.index(), reads);
      HttpHandler api = region.manifests(manifests).replicaReads(reads).httpApi();
      replicator[0] = new Replicator(replicas, r.seed(), ReplicationListener.of(service), clock);
      nodes.put(r.seed().value(), new Node(r, (InMemoryObjectStore) r.objects(),
          (InMemoryMetadataIndex) r.index(), (InMemoryEventLog) r.events(), api,
          replicator[0]));
    }
  }

  public Node node(String seed) {
    return nodes.get(seed);
  }

  /** Delivers every queued notification (and those it causes) to its region's replicator. */
  public void replicateAll() {
    while (true) {
      Map.Entry<String, ObjectCreated> next;
      synchronized (queue) {
        next = queue.poll();
      }
      if (next == null) {
        return;
      }
      nodes.get(next.getKey()).replicator().handle(next.getValue());
    }
  }

  /** Sends a request to region {@code seed}; {@code target} is a path with optional query. */
  public HttpResponse send(String seed, String method, String target, String contentType,
      byte[] body) {
    HttpHeaders headers = new HttpHeaders().set("User-Agent", "fixture/1.0");
    if (contentType != null) {
      headers.set("Content-Type", contentType);
    }
    headers.set("Accept", MediaTypes.OCI_MANIFEST + ", " + MediaTypes.OCI_INDEX);
    byte[] bytes = body == null ? new byte[0] : body;
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    return node(seed).api().handle(new HttpRequest(method, path, query, headers,
        new ByteArrayInputStream(bytes), bytes.length, "registry.test", "http"));
  }

  /** Sends to the region whose endpoint {@code url}'s host names. */
  public HttpResponse sendTo(String url, String method, String contentType, byte[] body) {
    URI uri = URI.create(url);
    String seed = endpoints.entrySet().stream()
        .filter(e -> e.getValue().getHost().equals(uri.getHost()))
        .map(e -> e.getKey().value()).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no region at " + url));
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return send(seed, method, target, contentType, body);
  }

  /**
   * Uploads {@code content} as a client does: POST to region {@code seed}, then PUT to the
   * returned Location with {@code digest=} appended. Returns the digest.
   */
  public Digest upload(String seed, String repository, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Digest digest = TestManifests.digestOf(content);
    HttpResponse started = send(seed, "POST", "/v2/" + repository + "/blobs/uploads/", null,
        null);
    String location = started.headers().first("Location");
    HttpResponse done = sendTo(location + (location.contains("?") ? "&" : "?") + "digest="
        + digest, "PUT", "application/octet-stream", bytes);
    if (done.status() != 201) {
      throw new IllegalStateException("upload failed: " + done.status() + " " + text(done));
    }
    return digest;
  }

  public HttpResponse get(String seed, String target) {
    return send(seed, "GET", target, null, null);
  }

  public static byte[] bytes(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String text(HttpResponse response) {
    return new String(bytes(response), StandardCharsets.UTF_8);
  }
}

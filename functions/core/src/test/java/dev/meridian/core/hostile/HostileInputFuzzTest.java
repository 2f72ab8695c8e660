package dev.meridian.core.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.blob.BlobEndpoints;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestEndpoints;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.core.settings.RegistrySettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input through the HTTP edge ({@link RegistryHttpApi} over guarded in-memory ports),
 * from a seeded generator ({@link HostileInputs}). For every request:
 *
 * <ul>
 *   <li>the status is one the distribution-spec (or docs/api.md) gives that method — never a 5xx;
 *   <li>every error body is OCI error JSON whose codes are among the spec's 14 and agree with the
 *       status (docs/errors.md);
 *   <li>no storage key leaves the layout, and S3/DynamoDB limits hold ({@link GuardedPorts});
 *   <li>a rejected request changes no stored state: objects, multipart uploads, index records,
 *       tags and sessions are equal before and after, and the index saw no write. The one
 *       exception is distribution's: a PUT that fails to complete an upload discards the session
 *       and its staging objects.
 * </ul>
 *
 * <p>Reproducible: the seed is {@link #DEFAULT_SEED} unless {@code -Dmeridian.fuzz.seed=<n>} (or
 * {@code =random}) says otherwise, and every failure message starts with it. {@code
 * -Dmeridian.fuzz.cases=<n>} scales the number of cases per surface.
 */
class HostileInputFuzzTest {

  static final long DEFAULT_SEED = 20250701L;
  private static final long SEED = seed();
  private static final int CASES = Integer.getInteger("meridian.fuzz.cases", 300);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "team/app";
  private static final Set<String> CODES = Set.of(Arrays.stream(OciErrorCode.values())
      .map(Enum::name).toArray(String[]::new));
  /** Statuses the spec and docs/api.md give each method; 307: signed-region and blob redirects. */
  private static final Map<String, Set<Integer>> ALLOWED = Map.of(
      "GET", Set.of(200, 204, 206, 307, 400, 404, 405, 416),
      "HEAD", Set.of(200, 307, 400, 404, 405, 416),
      "PUT", Set.of(201, 307, 400, 404, 405, 413, 416),
      "PATCH", Set.of(202, 307, 400, 404, 405, 416),
      "POST", Set.of(201, 202, 400, 404, 405),
      "DELETE", Set.of(202, 204, 307, 400, 404, 405));
  /** docs/errors.md: the statuses each code is returned with. */
  private static final Map<String, Set<Integer>> CODE_STATUSES = Map.ofEntries(
      Map.entry("BLOB_UNKNOWN", Set.of(404)), Map.entry("BLOB_UPLOAD_INVALID", Set.of(400, 416)),
      Map.entry("BLOB_UPLOAD_UNKNOWN", Set.of(404)), Map.entry("DIGEST_INVALID", Set.of(400)),
      Map.entry("MANIFEST_BLOB_UNKNOWN", Set.of(400)),
      Map.entry("MANIFEST_INVALID", Set.of(400, 413)), Map.entry("MANIFEST_UNKNOWN", Set.of(404)),
      Map.entry("NAME_INVALID", Set.of(400)), Map.entry("NAME_UNKNOWN", Set.of(404)),
      Map.entry("SIZE_INVALID", Set.of(400, 416)), Map.entry("UNAUTHORIZED", Set.of(401)),
      Map.entry("DENIED", Set.of(403)), Map.entry("UNSUPPORTED", Set.of(400, 405)),
      Map.entry("TOOMANYREQUESTS", Set.of(429)));

  private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  private GuardedPorts ports;
  private RegistryHttpApi api;
  private HostileInputs gen;
  private String surface;
  private int caseNumber;

  private final byte[] layer = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(3)
      .getBytes(StandardCharsets.UTF_8);
  private Digest layerDigest;
  private Digest configDigest;
  private String image;
  private Digest imageDigest;
  private String index;

  /** A request and what the test knows about it. */
  record Exchange(String method, String path, String query, HttpHeaders headers, byte[] body) {
    String describe() {
      return method + " " + GuardedPorts.abbreviate(path)
          + (query.isEmpty() ? "" : "?" + GuardedPorts.abbreviate(query)) + " " + headers
          + " body=" + (body.length > 200 ? body.length + " bytes"
          : GuardedPorts.abbreviate(new String(body, StandardCharsets.UTF_8)));
    }
  }

  /** A response with its body read. */
  record Reply(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Thousands of refusals would each log an INFO line; errors (a 500) still log. */
  private static final java.util.logging.Logger EDGE_LOG =
      java.util.logging.Logger.getLogger(RegistryHttpApi.class.getName());
  private static java.util.logging.Level edgeLevel;

  @BeforeAll
  static void quietRefusals() {
    edgeLevel = EDGE_LOG.getLevel();
    EDGE_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  @AfterAll
  static void restoreLogging() {
    EDGE_LOG.setLevel(edgeLevel);
  }

  @BeforeEach
  void registry() {
    ports = new GuardedPorts(clock);
    RegistrySettings settings = RegistrySettings.defaults("meridian", "eastus", new Seed("aa"))
        .withBlobDelivery(BlobDelivery.STREAM);
    api = new RegistryHttpApi(
        new BlobEndpoints(settings, ports.objects, ports.index, ports.sessions, clock),
        new ManifestEndpoints(settings, ports.objects, ports.index, clock), List.of());
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    configDigest = pushBlob(REPO, config);
    layerDigest = pushBlob(REPO, layer);
    image = TestManifests.oci(configDigest, "", layerDigest);
    imageDigest = TestManifests.digestOf(image);
    require(send(new Exchange("PUT", "/v2/" + REPO + "/manifests/v1", "",
        contentType(MediaTypes.OCI_MANIFEST), utf8(image))), 201);
    index = TestManifests.index(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, imageDigest);
    require(send(new Exchange("PUT", "/v2/" + REPO + "/manifests/multi", "",
        contentType(MediaTypes.OCI_INDEX), utf8(index))), 201);
    String referrer = TestManifests.oci(configDigest, "\"subject\":"
        + TestManifests.descriptor(MediaTypes.OCI_MANIFEST, imageDigest, image.length()));
    require(send(new Exchange("PUT", "/v2/" + REPO + "/manifests/sig", "",
        contentType(MediaTypes.OCI_MANIFEST), utf8(referrer))), 201);
  }

  // --- the surfaces ---

  @Test
  void repositoryNames_everyEndpoint() {
    run("names", () -> {
      String name = gen.name();
      Exchange e = switch (gen.nextInt(12)) {
        case 0 -> new Exchange("GET", "/v2/" + name + "/manifests/v1", "", new HttpHeaders(),
            new byte[0]);
        case 1 -> new Exchange("HEAD", "/v2/" + name + "/manifests/" + imageDigest, "",
            new HttpHeaders(), new byte[0]);
        case 2 -> new Exchange("PUT", "/v2/" + name + "/manifests/v2", "",
            contentType(MediaTypes.OCI_MANIFEST), utf8(image));
        case 3 -> new Exchange("DELETE", "/v2/" + name + "/manifests/v1", "", new HttpHeaders(),
            new byte[0]);
        case 4 -> new Exchange("GET", "/v2/" + name + "/tags/list", "", new HttpHeaders(),
            new byte[0]);
        case 5 -> new Exchange("GET", "/v2/" + name + "/blobs/" + layerDigest, "",
            new HttpHeaders(), new byte[0]);
        case 6 -> new Exchange("DELETE", "/v2/" + name + "/blobs/" + layerDigest, "",
            new HttpHeaders(), new byte[0]);
        case 7 -> new Exchange("POST", "/v2/" + name + "/blobs/uploads/", "", new HttpHeaders(),
            new byte[0]);
        case 8 -> new Exchange("POST", "/v2/" + name + "/blobs/uploads/",
            "digest=" + layerDigest, new HttpHeaders(), layer);
        case 9 -> new Exchange("POST", "/v2/" + name + "/blobs/uploads/",
            "mount=" + layerDigest + "&from=" + REPO, new HttpHeaders(), new byte[0]);
        case 10 -> new Exchange("GET", "/v2/" + name + "/referrers/" + imageDigest, "",
            new HttpHeaders(), new byte[0]);
        default -> new Exchange(gen.pick("PATCH", "PUT", "GET", "DELETE"),
            "/v2/" + name + "/blobs/uploads/" + openSession(REPO), "digest=" + layerDigest,
            new HttpHeaders(), new byte[0]);
      };
      Reply r = check(e);
      if (!RepositoryName.isValid(name)) {
        expect(r, e, "an invalid name is refused", r.status >= 400);
      }
    });
  }

  @Test
  void references_manifestEndpoints() {
    List<String> valid = List.of("v1", "multi", "sig", "latest", imageDigest.toString());
    run("references", () -> {
      String reference = gen.reference(valid);
      String method = gen.pick("GET", "HEAD", "PUT", "DELETE");
      Exchange e = new Exchange(method, "/v2/" + REPO + "/manifests/" + reference, "",
          method.equals("PUT") ? contentType(MediaTypes.OCI_MANIFEST) : new HttpHeaders(),
          method.equals("PUT") ? utf8(image) : new byte[0]);
      Reply r = check(e);
      if (!Tag.isValid(reference) && !isDigest(reference)) {
        expect(r, e, "an invalid reference is refused", r.status >= 400);
      }
    });
  }

  @Test
  void digests_blobUploadMountAndReferrerEndpoints() {
    run("digests", () -> {
      String digest = gen.digest();
      String q = encodeQuery(digest);
      Exchange e = switch (gen.nextInt(8)) {
        case 0 -> new Exchange(gen.pick("GET", "HEAD", "DELETE"), "/v2/" + REPO + "/blobs/"
            + digest, "", new HttpHeaders(), new byte[0]);
        case 1 -> new Exchange("POST", "/v2/" + REPO + "/blobs/uploads/", "digest=" + q,
            new HttpHeaders(), layer);
        case 2 -> new Exchange("PUT", "/v2/" + REPO + "/blobs/uploads/" + openSession(REPO),
            "digest=" + q, new HttpHeaders(), gen.chance(50) ? layer : new byte[0]);
        case 3 -> new Exchange("PUT", "/v2/" + REPO + "/blobs/uploads/" + openSession(REPO),
            "digest=" + layerDigest + "&digest=" + q, new HttpHeaders(), layer);
        case 4 -> new Exchange("POST", "/v2/" + REPO + "/blobs/uploads/",
            "mount=" + q + "&from=" + encodeQuery(gen.pick(REPO, gen.name())),
            new HttpHeaders(), new byte[0]);
        case 5 -> new Exchange("GET", "/v2/" + REPO + "/referrers/" + digest,
            gen.chance(30) ? "artifactType=" + encodeQuery(gen.noise(10)) : "",
            new HttpHeaders(), new byte[0]);
        case 6 -> new Exchange(gen.pick("PATCH", "GET", "DELETE", "PUT"),
            "/v2/" + REPO + "/blobs/uploads/" + gen.pick(digest, gen.splice(openSession(REPO), 1),
                gen.noise(36)), "", new HttpHeaders(), new byte[0]);
        default -> new Exchange("GET", "/v2/" + REPO + "/manifests/" + digest, "",
            new HttpHeaders(), new byte[0]);
      };
      check(e);
    });
  }

  @Test
  void contentRanges_onPatch() {
    run("content-range", () -> {
      String session = openSession(REPO);
      long offset = sessionSize(session);
      byte[] chunk = Arrays.copyOf(layer, gen.pick(0, 1, 7, layer.length));
      HttpHeaders headers = new HttpHeaders();
      headers.set("Content-Range", gen.contentRange(offset, chunk.length));
      if (gen.chance(20)) {
        headers.add("Content-Range", gen.contentRange(offset, chunk.length));
      }
      Exchange e = new Exchange("PATCH", "/v2/" + REPO + "/blobs/uploads/" + session, "",
          headers, chunk);
      Reply r = check(e);
      if (r.status == 202) {
        expect(r, e, "an accepted chunk advances the session",
            sessionSize(session) == offset + chunk.length);
      }
    });
  }

  @Test
  void ranges_onBlobGet() {
    run("range", () -> {
      String range = gen.range(layer.length);
      HttpHeaders headers = new HttpHeaders().set("Range", range);
      Exchange e = new Exchange(gen.pick("GET", "GET", "HEAD"), "/v2/" + REPO + "/blobs/"
          + layerDigest, "", headers, new byte[0]);
      Reply r = check(e);
      expect(r, e, "a blob GET is 200, 206 or 416", Set.of(200, 206, 416).contains(r.status));
      if (r.status == 206 && e.method().equals("GET")) {
        String[] span = r.headers.first("Content-Range").replaceAll("bytes (\\d+)-(\\d+)/\\d+",
            "$1 $2").split(" ");
        int first = Integer.parseInt(span[0]);
        int last = Integer.parseInt(span[1]);
        expect(r, e, "206 carries exactly the bytes its Content-Range names",
            Arrays.equals(r.body, Arrays.copyOfRange(layer, first, last + 1)));
      }
      if (r.status == 200 && e.method().equals("GET")) {
        expect(r, e, "200 carries the whole blob", Arrays.equals(r.body, layer));
      }
    });
  }

  @Test
  void manifests_mutatedImagesAndIndexes() {
    run("manifests", () -> {
      boolean isIndex = gen.chance(30);
      byte[] body = gen.mutateManifest(isIndex ? index : image);
      String type = gen.pick(isIndex ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST, null,
          "application/json", MediaTypes.DOCKER_MANIFEST, "text/plain", gen.noise(12));
      HttpHeaders headers = type == null ? new HttpHeaders() : contentType(type);
      String reference = gen.chance(70) ? "t" + gen.nextInt(5) : sha256(body);
      Exchange e = new Exchange("PUT", "/v2/" + REPO + "/manifests/" + reference, "", headers,
          body);
      Reply r = check(e);
      if (r.status == 201) {
        JsonNode version = JSON.readTree(body).get("schemaVersion");
        expect(r, e, "a stored manifest says schemaVersion 2", version.isIntegralNumber()
            && version.bigIntegerValue().equals(java.math.BigInteger.TWO));
        Reply get = send(new Exchange("GET", "/v2/" + REPO + "/manifests/" + reference, "",
            new HttpHeaders(), new byte[0]));
        expect(get, e, "a stored manifest reads back byte-exact", Arrays.equals(get.body, body));
      }
    });
  }

  @Test
  void pagination_tagsAndCatalog() {
    run("pagination", () -> {
      String n = gen.pageSize();
      String last = gen.pick(gen.name(), gen.reference(List.of("v1")), "v1", "", gen.noise(5));
      StringBuilder query = new StringBuilder();
      if (gen.chance(80)) {
        query.append("n=").append(encodeQuery(n));
      }
      if (gen.chance(60)) {
        query.append(query.isEmpty() ? "" : "&").append("last=").append(encodeQuery(last));
      }
      String path = gen.chance(50) ? "/v2/" + REPO + "/tags/list" : "/v2/_catalog";
      Exchange e = new Exchange("GET", path, query.toString(), new HttpHeaders(), new byte[0]);
      Reply r = check(e);
      if (r.status == 200) {
        JsonNode list = json(r, e).get(path.endsWith("_catalog") ? "repositories" : "tags");
        expect(r, e, "a page holds at most 1000 entries", list == null || list.size() <= 1000);
      }
    });
  }

  // --- the invariants ---

  /** Sends {@code e} and checks every invariant; returns the reply. */
  private Reply check(Exchange e) {
    GuardedPorts.Snapshot before = ports.snapshot();
    ports.clearLog();
    Reply r;
    try {
      r = send(e);
    } catch (AssertionError | RuntimeException failure) {
      throw new AssertionError(context(e) + "\n  broke a storage rule or escaped the edge: "
          + failure, failure);
    }
    expect(r, e, "Docker-Distribution-API-Version is set",
        "registry/2.0".equals(r.headers.first("Docker-Distribution-API-Version")));
    expect(r, e, "status is one the spec gives " + e.method(),
        ALLOWED.getOrDefault(e.method(), Set.of()).contains(r.status));
    if (r.status < 400) {
      return r;
    }
    if (!e.method().equals("HEAD")) {
      checkErrorBody(r, e);
    }
    GuardedPorts.Snapshot after = ports.snapshot();
    if (!after.equals(before) && completesUpload(e)) {
      // distribution-spec / CNCF distribution: a failed completion cancels the session.
      String id = e.path().substring(e.path().lastIndexOf('/') + 1);
      before = before.withoutSession(id);
    }
    GuardedPorts.Snapshot was = before;
    expect(r, e, "a rejected request changes no stored state:" + before.diff(after)
        + "\n  writes: " + ports.mutations(), after.equals(was));
    return r;
  }

  private void checkErrorBody(Reply r, Exchange e) {
    expect(r, e, "an error is application/json",
        "application/json".equals(r.headers.first("Content-Type")));
    JsonNode errors = json(r, e).get("errors");
    expect(r, e, "an error body has a non-empty errors array",
        errors != null && errors.isArray() && !errors.isEmpty());
    for (JsonNode error : errors) {
      String code = error.path("code").asText(null);
      expect(r, e, "code " + code + " is one of the spec's 14", CODES.contains(code));
      expect(r, e, "code " + code + " comes with its documented status",
          CODE_STATUSES.get(code).contains(r.status));
      expect(r, e, "message is a string", error.path("message").isTextual());
    }
  }

  private static boolean completesUpload(Exchange e) {
    return e.method().equals("PUT") && e.path().contains("/blobs/uploads/");
  }

  private JsonNode json(Reply r, Exchange e) {
    try {
      JsonNode node = JSON.readTree(r.body);
      expect(r, e, "the body is a JSON object", node != null && node.isObject());
      return node;
    } catch (IOException ex) {
      throw new AssertionError(context(e) + "\n  body is not JSON: " + r.text(), ex);
    }
  }

  private void expect(Reply r, Exchange e, String property, boolean holds) {
    if (!holds) {
      throw new AssertionError(context(e) + "\n  violated: " + property + "\n  answer: "
          + r.status + " " + r.headers + " " + GuardedPorts.abbreviate(r.text()));
    }
  }

  private String context(Exchange e) {
    return "fuzz seed " + SEED + " (rerun: -Dmeridian.fuzz.seed=" + SEED + "), surface "
        + surface + ", case " + caseNumber + ": " + e.describe();
  }

  /** Runs {@link #CASES} cases of one surface, with a generator seeded from the seed and it. */
  private void run(String surface, Case oneCase) {
    this.surface = surface;
    this.gen = new HostileInputs(SEED ^ surface.hashCode());
    for (caseNumber = 0; caseNumber < CASES; caseNumber++) {
      try {
        oneCase.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @FunctionalInterface
  private interface Case {
    void run() throws IOException;
  }

  // --- helpers ---

  private Reply send(Exchange e) {
    HttpResponse response = api.handle(new HttpRequest(e.method(), e.path(), e.query(),
        e.headers(), new ByteArrayInputStream(e.body()), e.body().length, "registry.test",
        "http"));
    return new Reply(response.status(), response.headers(), ManifestTestRegistry.bytes(response));
  }

  private Digest pushBlob(String repo, byte[] bytes) {
    Digest digest = Digest.parse(sha256(bytes));
    require(send(new Exchange("POST", "/v2/" + repo + "/blobs/uploads/", "digest=" + digest,
        new HttpHeaders(), bytes)), 201);
    return digest;
  }

  private String openSessionId;

  /** An upload session of {@code repo} with a few bytes in it; reopened when a case ended it. */
  private String openSession(String repo) {
    if (openSessionId == null || sessionSize(openSessionId) < 0) {
      Reply r = require(send(new Exchange("POST", "/v2/" + repo + "/blobs/uploads/", "",
          new HttpHeaders(), new byte[0])), 202);
      openSessionId = r.headers.first("Docker-Upload-UUID");
      HttpHeaders h = new HttpHeaders().set("Content-Range", "0-4");
      require(send(new Exchange("PATCH", "/v2/" + repo + "/blobs/uploads/" + openSessionId, "",
          h, Arrays.copyOf(layer, 5))), 202);
    }
    return openSessionId;
  }

  /** The session's size from an upload status GET; -1 when it is gone. */
  private long sessionSize(String id) {
    Reply r = send(new Exchange("GET", "/v2/" + REPO + "/blobs/uploads/" + id, "",
        new HttpHeaders(), new byte[0]));
    if (r.status != 204) {
      return -1;
    }
    String range = r.headers.first("Range");
    return range == null ? 0 : Long.parseLong(range.substring(range.indexOf('-') + 1)) + 1;
  }

  private static Reply require(Reply r, int status) {
    assertThat(r.status).as(r.text()).isEqualTo(status);
    return r;
  }

  private static HttpHeaders contentType(String type) {
    return new HttpHeaders().set("Content-Type", type);
  }

  private static boolean isDigest(String s) {
    try {
      Digest.parse(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Percent-encodes what a query value must not carry raw ({@code &}, {@code %}, {@code #}…). */
  private static String encodeQuery(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long seed() {
    String value = System.getProperty("meridian.fuzz.seed");
    if (value == null || value.isBlank()) {
      return DEFAULT_SEED;
    }
    return value.equals("random") ? new java.security.SecureRandom().nextLong()
        : Long.parseLong(value.strip());
  }
}

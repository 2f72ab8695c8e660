package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryRunIdAllocator;
import dev.meridian.core.fakes.InMemoryRunStore;
import dev.meridian.core.fakes.StatedContextReader;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.route.RouteTable;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The builds API over three in-memory regions (eastus aa, westeurope ab, canadacentral ac). */
class BuildRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] CONTEXT = "not really a tar.gz".getBytes(StandardCharsets.UTF_8);

  private final List<BuildRegion> regions = new ArrayList<>();
  private final List<BuildRoutes> routes = new ArrayList<>();

  BuildRoutesTest() {
    build(this, BuildRegion.UNLIMITED);
  }

  /** A second set of regions with {@code capacity} each. */
  private static final class Regions {
    final List<BuildRegion> regions = new ArrayList<>();
    final List<BuildRoutes> routes = new ArrayList<>();
  }

  private static void build(BuildRoutesTest t, int capacity) {
    Regions r = regions(capacity);
    t.regions.addAll(r.regions);
    t.routes.addAll(r.routes);
  }

  private static Regions regions(int capacity) {
    Regions out = new Regions();
    List<BuildRegion> regions = out.regions;
    List<BuildRoutes> routes = out.routes;
    String[] names = {"eastus", "westeurope", "canadacentral"};
    for (int i = 0; i < names.length; i++) {
      regions.add(new BuildRegion(names[i], RegionSeeds.seedAt(i),
          new InMemoryRunIdAllocator(RegionSeeds.seedAt(i)), new InMemoryRunStore(),
          new InMemoryObjectStore("meridian-" + names[i]), capacity));
    }
    for (BuildRegion r : regions) {
      routes.add(new BuildRoutes(new BuildEnqueuer(r.seed(), regions, Clock.systemUTC()),
          Clock.systemUTC(), new StatedContextReader()));
    }
    return out;
  }

  private static HttpResponse call(BuildRoutes api, String method, String path, byte[] body) {
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    HttpRequest request = new HttpRequest(method, "/meridian/v1/" + bare,
        q < 0 ? "" : path.substring(q + 1), new HttpHeaders(),
        new ByteArrayInputStream(body == null ? new byte[0] : body),
        body == null ? 0 : body.length, "localhost", "http");
    return RouteTable.of(api.routes()).dispatch(request);
  }

  private static String text(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().writeTo(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse response) {
    try {
      return JSON.readTree(text(response));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String upload(int region) {
    return upload(routes, region);
  }

  private static String upload(List<BuildRoutes> routes, int region) {
    HttpResponse r = call(routes.get(region), "POST", "builds/contexts", CONTEXT);
    assertThat(r.status()).isEqualTo(201);
    return json(r).get("context").asText();
  }

  private JsonNode enqueue(int region, String body) {
    return enqueue(routes, region, body);
  }

  private static JsonNode enqueue(List<BuildRoutes> routes, int region, String body) {
    HttpResponse r = call(routes.get(region), "POST", "builds",
        body.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(202);
    return json(r);
  }

  @Test
  void enqueue_whenContextUploaded_returnsIdStatusUrl_andAnyRegionReadsTheRun() {
    String context = upload(1);
    JsonNode queued = enqueue(1, "{\"context\":\"" + context + "\",\"images\":[\"app:{{.Run.ID}}\"],"
        + "\"buildArgs\":{\"A\":\"1\"},\"timeoutSeconds\":600}");
    assertThat(queued.get("runId").asText()).isEqualTo("ab1");
    assertThat(queued.get("status").asText()).isEqualTo("Queued");
    assertThat(queued.get("statusUrl").asText()).isEqualTo("/meridian/v1/builds/ab1");
    assertThat(enqueue(1, "{\"context\":\"" + context + "\"}").get("runId").asText())
        .isEqualTo("ab2");
    for (BuildRoutes api : routes) {
      JsonNode run = json(call(api, "GET", "builds/ab1", null));
      assertThat(run.get("region").asText()).isEqualTo("westeurope");
      assertThat(run.get("images").get(0).asText()).isEqualTo("app:ab1");
      assertThat(run.get("request").get("buildArgs").get("A").asText()).isEqualTo("1");
      assertThat(run.get("trigger").get("type").asText()).isEqualTo("manual");
    }
  }

  @Test
  void enqueue_whenSameClientTokenTwice_returnsTheSameRun() {
    String context = upload(0);
    String body = "{\"context\":\"" + context + "\",\"clientToken\":\"retry-me\"}";
    assertThat(enqueue(0, body).get("runId").asText()).isEqualTo("aa1");
    assertThat(enqueue(0, body).get("runId").asText()).isEqualTo("aa1");
    assertThat(enqueue(0, "{\"context\":\"" + context + "\"}").get("runId").asText())
        .isEqualTo("aa2");
  }

  @Test
  void list_cancel_logs_whenRunsExist_behaveAsDocumented() {
    String context = upload(0);
    for (int i = 0; i < 3; i++) {
      enqueue(0, "{\"context\":\"" + context + "\"}");
    }
    HttpResponse canceled = call(routes.get(2), "POST", "builds/aa2/cancel", null);
    assertThat(json(canceled).get("status").asText()).isEqualTo("Canceled");
    JsonNode all = json(call(routes.get(0), "GET", "builds?top=2", null));
    assertThat(all.get("runs")).extracting(n -> n.get("runId").asText())
        .containsExactly("aa3", "aa2");
    JsonNode queued = json(call(routes.get(0), "GET", "builds?status=queued", null));
    assertThat(queued.get("runs")).extracting(n -> n.get("runId").asText())
        .containsExactly("aa3", "aa1");
    assertThatThrownBy(() -> call(routes.get(0), "GET", "builds/aa1/logs", null))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    new RunLogs(regions.get(0).objects()).write(new RunId(new Seed("aa"), 1), "step 1\n");
    assertThat(text(call(routes.get(1), "GET", "builds/aa1/logs", null))).isEqualTo("step 1\n");
  }

  @Test
  void get_whenBadOrUnknownId_failsWith400Or404() {
    assertThatThrownBy(() -> call(routes.get(0), "GET", "builds/AA1", null))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("lower case");
        });
    assertThatThrownBy(() -> call(routes.get(0), "GET", "builds/aa9", null))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> call(routes.get(0), "GET", "builds/aa01", null)) // padded
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> call(routes.get(0), "POST", "builds",
        ("{\"context\":\"sha256:" + "00".repeat(32) + "\"}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("upload it");
        });
  }

  @Test
  void enqueue_whenRegionIsFull_spillsToTheNextRegionWithRoom_whoseSeedTheIdCarries() {
    Regions full = regions(2);
    String context = upload(full.routes, 0);
    String body = "{\"context\":\"" + context + "\"}";
    assertThat(enqueue(full.routes, 0, body).get("runId").asText()).isEqualTo("aa1");
    assertThat(enqueue(full.routes, 0, body).get("runId").asText()).isEqualTo("aa2");
    JsonNode spilled = enqueue(full.routes, 0, body);
    assertThat(spilled.get("runId").asText()).isEqualTo("ab1");
    assertThat(spilled.get("region").asText()).isEqualTo("westeurope");
    // The context travelled with the run.
    assertThat(full.regions.get(1).objects()
        .head(StorageLayout.buildContext(Digest.parse(context)))).isPresent();
    enqueue(full.routes, 0, body);
    assertThat(enqueue(full.routes, 0, body).get("runId").asText()).isEqualTo("ac1");
    enqueue(full.routes, 0, body);
    // Everyone full: the run waits in this region's queue.
    assertThat(enqueue(full.routes, 0, body).get("runId").asText()).isEqualTo("aa3");
    // A finished run frees its slot (aa holds aa1, aa2, aa3: two must finish).
    call(full.routes.get(0), "POST", "builds/aa1/cancel", null);
    call(full.routes.get(0), "POST", "builds/aa2/cancel", null);
    assertThat(enqueue(full.routes, 1, body).get("runId").asText()).isEqualTo("aa4");
  }

  @Test
  void runner_whenNoExecutorWired_leavesRunsQueued_andWithOneRunsThemToTheEnd()
      throws Exception {
    String context = upload(0);
    enqueue(0, "{\"context\":\"" + context + "\",\"images\":[\"app:{{.Run.ID}}\"]}");
    ExecutorService workers = Executors.newSingleThreadExecutor();
    try {
      BuildRunner none = new BuildRunner(regions.get(0), null, workers, Clock.systemUTC());
      assertThat(none.run(new RunId(new Seed("aa"), 1))).isEmpty();
      assertThat(regions.get(0).runs().get(new RunId(new Seed("aa"), 1)).orElseThrow().status())
          .isEqualTo(RunStatus.QUEUED);
      BuildExecutor failing = (run, key, log) -> {
        log.accept("step 1/1 : RUN make (line 2): RUN needs a container engine");
        return BuildExecutor.Result.failed("RUN is not supported (line 2)");
      };
      BuildRunner runner = new BuildRunner(regions.get(0), failing, workers, Clock.systemUTC());
      assertThat(runner.queued(10)).containsExactly(new RunId(new Seed("aa"), 1));
      BuildRun done = runner.run(new RunId(new Seed("aa"), 1)).orElseThrow();
      assertThat(done.status()).isEqualTo(RunStatus.FAILED);
      assertThat(done.id()).hasToString("aa1"); // a failed run keeps its ID
      assertThat(done.startedAt()).isNotNull();
      assertThat(done.finishedAt()).isNotNull();
      assertThat(text(call(routes.get(2), "GET", "builds/aa1/logs", null)))
          .contains("RUN make (line 2)").contains("Failed: RUN is not supported");
      assertThat(runner.run(new RunId(new Seed("aa"), 1))).isEmpty(); // not queued any more
    } finally {
      workers.shutdownNow();
    }
  }
}

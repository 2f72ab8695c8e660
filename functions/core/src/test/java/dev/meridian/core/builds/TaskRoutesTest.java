package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.fakes.InMemoryRunIdAllocator;
import dev.meridian.core.fakes.InMemoryRunStore;
import dev.meridian.core.fakes.InMemoryTaskStore;
import dev.meridian.core.fakes.StatedContextReader;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.route.RouteTable;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.core.webhooks.WebhookSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tasks API: update, enable/disable, history, the HTTP trigger (in-memory, one region). */
class TaskRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
  private static final String PUSH = "{\"ref\":\"refs/heads/main\",\"before\":\"" + "1".repeat(40)
      + "\",\"after\":\"" + "ab".repeat(20) + "\",\"repository\":{\"full_name\":\"o/app\"}}";

  private final InMemoryTaskStore tasks = new InMemoryTaskStore();
  private final InMemoryRunStore runs = new InMemoryRunStore();
  private final InMemoryObjectStore bucket = new InMemoryObjectStore("meridian-eastus");
  private final BuildEnqueuer enqueuer = new BuildEnqueuer(new Seed("aa"), List.of(new BuildRegion("eastus",
      new Seed("aa"), new InMemoryRunIdAllocator(new Seed("aa")), runs, bucket, BuildRegion.UNLIMITED)),
      Clock.systemUTC());
  /** What the image builder reads from each uploaded context: its Dockerfile's one base. */
  private final StatedContextReader contexts = new StatedContextReader();
  private final TaskRoutes api = new TaskRoutes(tasks, enqueuer, Clock.fixed(NOW, ZoneOffset.UTC),
      contexts);
  private final String context = upload("base/os:1");

  private String upload(String base) {
    byte[] tar = ContextTar.of(Map.of("Dockerfile", "FROM " + base + "\nCOPY . /app\n",
        "app.txt", "hi"));
    Digest d;
    try {
      d = Digest.sha256(java.security.MessageDigest.getInstance("SHA-256").digest(tar));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    bucket.putIfAbsent(StorageLayout.buildContext(d), tar, "application/gzip");
    contexts.bases(StorageLayout.buildContext(d), List.of(base));
    return d.toString();
  }

  private HttpResponse call(String method, String path, String body, String... headers) {
    HttpHeaders h = new HttpHeaders();
    for (int i = 0; i < headers.length; i += 2) {
      h.set(headers[i], headers[i + 1]);
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    HttpRequest request = new HttpRequest(method, "/meridian/v1/" + bare,
        q < 0 ? "" : path.substring(q + 1), h, new ByteArrayInputStream(bytes), bytes.length,
        "registry.example", "https");
    return RouteTable.of(api.routes()).dispatch(request);
  }

  private static JsonNode json(HttpResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().writeTo(out);
      return JSON.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode create(String extra) {
    HttpResponse r = call("POST", "tasks", "{\"name\":\"app\",\"context\":\"" + context
        + "\",\"images\":[\"app:{{.Run.ID}}\"]" + extra + "}");
    assertThat(r.status()).isEqualTo(201);
    return json(r);
  }

  @Test
  void create_withTimersAndHttpTrigger_showsNextRunsTheUrlAndTheSecretOnce() {
    JsonNode created = create(",\"timers\":[\"*/10 * * * * *\",{\"name\":\"nightly\","
        + "\"schedule\":\"0 3 * * *\"}],\"httpTrigger\":true");

    assertThat(created.at("/timers/0/name").asText()).isEqualTo("t1");
    assertThat(created.at("/timers/0/nextRunAt").asText()).isEqualTo("2026-12-07T14:00:10Z");
    assertThat(created.at("/timers/1/nextRunAt").asText()).isEqualTo("2026-12-08T03:00:00Z");
    assertThat(created.path("triggerUrl").asText())
        .isEqualTo("https://registry.example/meridian/v1/tasks/app/trigger");
    assertThat(created.path("triggerSecret").asText()).startsWith("whsec_");
    assertThat(created.path("status").asText()).isEqualTo("Enabled");
    assertThat(json(call("GET", "tasks/app", null)).has("triggerSecret")).isFalse();
  }

  @Test
  void patch_changesOnlyTheFieldsGiven_rereadsBases_andBumpsTheRevision() {
    create("");
    String other = upload("base/other:2");

    JsonNode patched = json(call("PATCH", "tasks/app", "{\"context\":\"" + other
        + "\",\"timers\":[{\"name\":\"hourly\",\"schedule\":\"0 * * * *\"}]}"));

    assertThat(patched.path("bases").toString()).isEqualTo("[\"base/other:2\"]");
    assertThat(patched.at("/request/images/0").asText()).isEqualTo("app:{{.Run.ID}}");
    assertThat(patched.at("/timers/0/name").asText()).isEqualTo("hourly");
    assertThat(patched.path("revision").asLong()).isEqualTo(2);
    assertThat(patched.path("updatedAt").asText()).isEqualTo(NOW.toString());
    assertThat(tasks.get("app").orElseThrow().request().context().toString()).isEqualTo(other);

    assertThatThrownBy(() -> call("PATCH", "tasks/app", "{\"name\":\"renamed\"}"))
        .isInstanceOf(RegistryException.class).hasMessageContaining("takes no 'name'");
    assertThatThrownBy(() -> call("PATCH", "tasks/app", "{\"timers\":[\"61 * * * *\"]}"))
        .hasMessageContaining("outside 0-59");
    assertThatThrownBy(() -> call("PATCH", "tasks/none", "{\"enabled\":false}"))
        .isInstanceOf(RegistryException.class).hasMessageContaining("no task none");
  }

  @Test
  void delete_removesTheTask_is204_thenItIsUnknown() {
    create("");

    assertThat(call("DELETE", "tasks/app", null).status()).isEqualTo(204);

    assertThat(tasks.get("app")).isEmpty();
    assertThat(json(call("GET", "tasks", null)).path("tasks")).isEmpty();
    assertThatThrownBy(() -> call("DELETE", "tasks/app", null))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("no task app");
    assertThatThrownBy(() -> call("POST", "tasks/app/run", null))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void disable_refusesManualRuns_untilEnabledAgain() {
    create("");
    assertThat(json(call("PATCH", "tasks/app", "{\"enabled\":false}")).path("status").asText())
        .isEqualTo("Disabled");

    assertThatThrownBy(() -> call("POST", "tasks/app/run", null))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("disabled");

    call("PATCH", "tasks/app", "{\"enabled\":true}");
    assertThat(call("POST", "tasks/app/run", null).status()).isEqualTo(202);
  }

  @Test
  void history_listsTheTasksRuns_newestFirst_withTheirCurrentState() {
    create("");
    String first = json(call("POST", "tasks/app/run", null)).path("runId").asText();
    String second = json(call("POST", "tasks/app/run", null)).path("runId").asText();
    BuildRunner.cancel(enqueuer.self(), RunId.parse(first), Clock.systemUTC());

    JsonNode history = json(call("GET", "tasks/app/runs", null));

    assertThat(history.path("runs")).extracting(r -> r.path("runId").asText())
        .containsExactly(second, first);
    assertThat(history.at("/runs/1/status").asText()).isEqualTo("Canceled");
    assertThat(json(call("GET", "tasks/app/runs?top=1", null)).path("runs")).hasSize(1);
  }

  @Test
  void trigger_withAGoodGitHubSignature_startsOneRunWithTheCommit_evenWhenReplayed() {
    String secret = create(",\"httpTrigger\":true").path("triggerSecret").asText();
    String signature = "sha256=" + HexFormat.of().formatHex(SourceSignature.hmac(
        secret.getBytes(StandardCharsets.UTF_8), PUSH.getBytes(StandardCharsets.UTF_8)));

    HttpResponse first = call("POST", "tasks/app/trigger", PUSH, "X-GitHub-Event", "push",
        "X-GitHub-Delivery", "d-1", "X-Hub-Signature-256", signature);
    HttpResponse replay = call("POST", "tasks/app/trigger", PUSH, "X-GitHub-Event", "push",
        "X-GitHub-Delivery", "d-2", "X-Hub-Signature-256", signature);

    assertThat(first.status()).isEqualTo(202);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(json(replay).path("runId").asText()).isEqualTo(json(first).path("runId").asText());
    BuildRun run = runs.list(null, 10).get(0);
    assertThat(runs.list(null, 10)).hasSize(1);
    assertThat(run.trigger()).isEqualTo(new Trigger("commit", "ab".repeat(20)));
    assertThat(run.request().buildArgs()).containsEntry("MERIDIAN_COMMIT", "ab".repeat(20))
        .containsEntry("MERIDIAN_REF", "refs/heads/main");
  }

  @Test
  void trigger_withAGoodStandardWebhooksSignature_startsARun_andRefusesStaleOnes() {
    String secret = create(",\"httpTrigger\":true").path("triggerSecret").asText();
    String body = "{\"commit\":\"0123abc\",\"ref\":\"main\"}";
    long ts = NOW.getEpochSecond();
    String sig = WebhookSigner.sign(secret, "msg_1", ts, body.getBytes(StandardCharsets.UTF_8));

    HttpResponse ok = call("POST", "tasks/app/trigger", body, "webhook-id", "msg_1",
        "webhook-timestamp", Long.toString(ts), "webhook-signature", "v1,bogus " + sig);
    assertThat(ok.status()).isEqualTo(202);
    assertThat(runs.list(null, 10).get(0).trigger().detail()).isEqualTo("0123abc");

    long old = ts - 600;
    String oldSig = WebhookSigner.sign(secret, "msg_2", old, body.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> call("POST", "tasks/app/trigger", body, "webhook-id", "msg_2",
        "webhook-timestamp", Long.toString(old), "webhook-signature", oldSig))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("minutes from now");
  }

  @Test
  void trigger_withABadOrMissingSignature_is401_andStartsNothing() {
    String secret = create(",\"httpTrigger\":true").path("triggerSecret").asText();
    String forged = "sha256=" + HexFormat.of().formatHex(SourceSignature.hmac(
        "not-the-secret".getBytes(StandardCharsets.UTF_8), PUSH.getBytes(StandardCharsets.UTF_8)));
    String tampered = "sha256=" + HexFormat.of().formatHex(SourceSignature.hmac(
        secret.getBytes(StandardCharsets.UTF_8), (PUSH + " ").getBytes(StandardCharsets.UTF_8)));

    for (String sig : List.of(forged, tampered, "sha1=00")) {
      assertThatThrownBy(() -> call("POST", "tasks/app/trigger", PUSH, "X-Hub-Signature-256", sig))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.status()).isEqualTo(401));
    }
    assertThatThrownBy(() -> call("POST", "tasks/app/trigger", PUSH))
        .hasMessageContaining("carries no signature");
    assertThat(runs.list(null, 10)).isEmpty();
  }

  @Test
  void trigger_whenPingOrDisabledOrNoHttpTrigger_startsNothing() {
    String secret = create(",\"httpTrigger\":true").path("triggerSecret").asText();
    String ping = "{\"zen\":\"Design for failure.\",\"hook_id\":1}";
    String sig = "sha256=" + HexFormat.of().formatHex(SourceSignature.hmac(
        secret.getBytes(StandardCharsets.UTF_8), ping.getBytes(StandardCharsets.UTF_8)));
    HttpResponse pong = call("POST", "tasks/app/trigger", ping, "X-GitHub-Event", "ping",
        "X-Hub-Signature-256", sig);
    assertThat(pong.status()).isEqualTo(200);
    assertThat(json(pong).path("runId").isNull()).isTrue();

    call("PATCH", "tasks/app", "{\"enabled\":false}");
    String pushSig = "sha256=" + HexFormat.of().formatHex(SourceSignature.hmac(
        secret.getBytes(StandardCharsets.UTF_8), PUSH.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> call("POST", "tasks/app/trigger", PUSH, "X-Hub-Signature-256",
        pushSig)).hasMessageContaining("disabled");

    call("PATCH", "tasks/app", "{\"enabled\":true,\"httpTrigger\":false}");
    assertThatThrownBy(() -> call("POST", "tasks/app/trigger", PUSH, "X-Hub-Signature-256",
        pushSig)).isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.status()).isEqualTo(404));
    assertThat(runs.list(null, 10)).isEmpty();
  }
}

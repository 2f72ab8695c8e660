package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access control as a user meets it through the local runtime: skopeo with and without
 * credentials, accounts made through the users API signing in at every region, the Docker token
 * flow over real HTTP, and a token from one region accepted by another.
 *
 * <p>Observed with skopeo 1.9.3: on the first 401 it reads the Bearer challenge, asks the realm
 * for a token with its {@code --creds} as Basic (GET), and retries with the token; a blob GET
 * answered with a 307 to the presigned S3 URL is followed without trouble.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
class AuthEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private LocalRuntime runtime;
  private Skopeo skopeo;
  private OciLayout.Image image;
  private Path source;

  @BeforeAll
  void start() {
    skopeo = Skopeo.locate(work);
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts());
    source = work.resolve("source");
    image = OciLayoutBuilder.create(source)
        .layer(new OciLayoutBuilder.RandomFile("etc/a.bin", 3_000, 71))
        .layer(new OciLayoutBuilder.RandomFile("opt/b.bin", 2 * 1024 * 1024 + 5, 72))
        .build("v1");
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void skopeoWithoutCredentialsIsRefusedAndStoresNothing() {
    ProcessRunner.Result push = skopeo.withCreds(null).push(source, "v1", hostPort("eastus"),
        "team/anon:v1");
    assertThat(push.succeeded()).as(push.describe()).isFalse();
    assertThat(push.stderr().toLowerCase()).containsAnyOf("unauthorized", "authentication required",
        "401", "denied");
    PlainHttp http = new PlainHttp(runtime.regionEndpoint("eastus"));
    assertThat(http.get("/v2/team/anon/tags/list").statusCode()).isEqualTo(404);

    ProcessRunner.Result pull = skopeo.withCreds(null).pull(hostPort("eastus"), "team/anon:v1",
        work.resolve("anon-pulled"), "v1");
    assertThat(pull.succeeded()).isFalse();
  }

  @Test
  void accountsFromTheUsersApiPushAndPullWithSkopeoInEveryRegion() throws Exception {
    PlainHttp east = new PlainHttp(runtime.regionEndpoint("eastus"));
    String ci = createAccount(east, """
        {"name":"ci","kind":"robot","grants":[{"repositories":"team/**","actions":["pull","push"]}]}""");
    String viewer = createAccount(east, """
        {"name":"viewer","password":"viewer-password","grants":[{"repositories":"team/*","actions":["pull"]}]}""");
    assertThat(viewer).isNull();

    ProcessRunner.Result push = skopeo.withCreds("ci:" + ci).push(source, "v1",
        hostPort("westeurope"), "team/app:v1");
    assertThat(push.succeeded()).as("robot made in eastus pushes to westeurope\n%s",
        push.describe()).isTrue();

    Path pulled = work.resolve("viewer-pulled");
    ProcessRunner.Result pull = skopeo.withCreds("viewer:viewer-password")
        .pull(hostPort("westeurope"), "team/app:v1", pulled, "v1");
    assertThat(pull.succeeded()).as(pull.describe()).isTrue();
    assertThat(OciLayout.read(pulled, "v1").manifestDigest()).isEqualTo(image.manifestDigest());

    ProcessRunner.Result denied = skopeo.withCreds("viewer:viewer-password").push(source, "v1",
        hostPort("westeurope"), "team/app:v2");
    assertThat(denied.succeeded()).as("a reader cannot push\n%s", denied.describe()).isFalse();

    ProcessRunner.Result wrong = skopeo.withCreds("viewer:not-the-password")
        .pull(hostPort("westeurope"), "team/app:v1", work.resolve("wrong"), "v1");
    assertThat(wrong.succeeded()).isFalse();
  }

  @Test
  void tokenFlowOverHttpAndATokenFromOneRegionWorksInAnother() throws Exception {
    PlainHttp east = new PlainHttp(runtime.regionEndpoint("eastus"));
    HttpResponse<byte[]> challenge = east.send(HttpRequest.newBuilder(
        runtime.regionEndpoint("eastus").resolve("/v2/team/app/tags/list")).GET().build());
    assertThat(challenge.statusCode()).isEqualTo(401);
    String header = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(header).isEqualTo("Bearer realm=\"" + runtime.regionEndpoint("eastus")
        + "/meridian/v1/token\",service=\"meridian\",scope=\"repository:team/app:pull\"");

    HttpResponse<byte[]> token = east.get("/meridian/v1/token?service=meridian"
        + "&scope=repository:team/app:pull");
    assertThat(token.statusCode()).isEqualTo(200);
    String bearer = "Bearer " + JSON.readTree(token.body()).path("token").asText();

    PlainHttp west = new PlainHttp(runtime.regionEndpoint("westeurope"));
    HttpResponse<byte[]> tags = west.send(HttpRequest.newBuilder(
            runtime.regionEndpoint("westeurope").resolve("/v2/team/app/tags/list"))
        .header("Authorization", bearer).GET().build());
    assertThat(tags.statusCode()).as("404 NAME_UNKNOWN or 200: past the gate either way")
        .isIn(200, 404);
    HttpResponse<byte[]> push = west.send(HttpRequest.newBuilder(
            runtime.regionEndpoint("westeurope").resolve("/v2/team/app/blobs/uploads/"))
        .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(push.statusCode()).as("the token grants pull only").isEqualTo(401);
    assertThat(push.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"insufficient_scope\"");
  }

  /** Creates an account as admin; returns its generated secret, or null when it had a password. */
  private String createAccount(PlainHttp http, String json) throws Exception {
    HttpResponse<byte[]> r = http.send(http.request("/meridian/v1/users")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    JsonNode body = JSON.readTree(r.body());
    return body.has("secret") ? body.path("secret").asText() : null;
  }

  private String hostPort(String region) {
    return runtime.regionEndpoint(region).getAuthority();
  }
}

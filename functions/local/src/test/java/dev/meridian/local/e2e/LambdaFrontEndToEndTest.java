package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime with {@code --front lambda}: every region's HTTP API is API Gateway's, emulated
 * from template.yaml's routes in front of the real Lambda entry points (FunctionInvoker), with the
 * platform's limits. skopeo pushes to one region and pulls from another through it; what API
 * Gateway itself answers (no route, a body over 10 MB) has API Gateway's body, and a body that
 * reaches the function but is over the Lambda limit gets the registry's OCI error naming it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaFrontEndToEndTest {
  @TempDir static Path work;
  private LocalRuntime runtime;
  private Skopeo skopeo;
  private Path source;
  private OciLayout.Image image;

  @BeforeAll
  void start() {
    runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
        .withFront(LocalOptions.Front.LAMBDA));
    skopeo = Skopeo.locate(work);
    source = work.resolve("source");
    image = OciLayoutBuilder.create(source)
        .layer(new OciLayoutBuilder.RandomFile("etc/app/small.bin", 1_000, 1))
        .layer(new OciLayoutBuilder.RandomFile("opt/app/mid.bin", 3 * 1024 * 1024, 2))
        .build("v1");
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private String hostPort(int region) {
    return runtime.regionEndpoint(runtime.regionNames().get(region)).getAuthority();
  }

  private PlainHttp http(int region) {
    return new PlainHttp(runtime.regionEndpoint(runtime.regionNames().get(region)));
  }

  @Test
  void skopeo_pushesToOneRegionAndPullsFromAnother() {
    ProcessRunner.Result push = skopeo.push(source, "v1", hostPort(0), "lambda/app:v1");
    assertThat(push.succeeded()).as(push.describe()).isTrue();

    runtime.awaitReplicationIdle(Duration.ofSeconds(60));
    Path out = work.resolve("pulled");
    ProcessRunner.Result pull = skopeo.pull(hostPort(1), "lambda/app:v1", out, "v1");

    assertThat(pull.succeeded()).as(pull.describe()).isTrue();
    OciLayout.Image pulled = OciLayout.read(out, "v1");
    assertThat(pulled.digests()).containsExactlyElementsOf(image.digests());
    for (String layer : pulled.layerDigests()) {
      assertThat(OciLayout.hashBlob(out, layer)).isEqualTo(layer);
    }
  }

  @Test
  void console_isServedByThePullFunctionThroughTheGateway() {
    HttpResponse<byte[]> root = http(0).get("/ui");
    HttpResponse<byte[]> index = http(0).get("/ui/");
    HttpResponse<byte[]> module = http(0).get("/ui/pages/replicas.js");

    assertThat(root.statusCode()).isEqualTo(308);
    assertThat(root.headers().firstValue("Location")).contains("/ui/");
    assertThat(index.statusCode()).as(PlainHttp.describe(index)).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(module.headers().firstValue("Content-Type")).get().asString()
        .startsWith("text/javascript");
  }

  @Test
  void versionCheckAndHead_answerThroughTheGateway() {
    HttpResponse<byte[]> v2 = http(0).get("/v2/");
    HttpResponse<byte[]> v2NoSlash = http(0).get("/v2");

    assertThat(v2.statusCode()).as(text(v2)).isEqualTo(200);
    assertThat(v2NoSlash.statusCode()).as(text(v2NoSlash)).isEqualTo(200);
    assertThat(v2.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
  }

  @Test
  void aPathNoOtherRouteTakes_reachesPullThroughTheDefaultRoute() {
    HttpResponse<byte[]> r = http(0).get("/not-an-api/x");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(text(r)).contains("\"code\":\"NAME_UNKNOWN\"");
  }

  @Test
  void aBodyOverTenMegabytes_getsApiGateways413() {
    PlainHttp h = http(0);
    String location = startUpload(h);

    HttpResponse<byte[]> r = h.send(h.request(location)
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[11 * 1024 * 1024]))
        .header("Content-Type", "application/octet-stream").build());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(text(r)).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
  }

  @Test
  void aChunkOverTheLambdaLimitThatReachesTheFunction_getsAnOciErrorNamingTheLimit() {
    PlainHttp h = http(0);
    String location = startUpload(h);

    HttpResponse<byte[]> r = h.send(h.request(location)
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[4_300_000]))
        .header("Content-Type", "application/octet-stream").build());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(text(r)).contains("\"code\":\"SIZE_INVALID\"").contains("4194304");
  }

  private static String startUpload(PlainHttp h) {
    HttpResponse<byte[]> post = h.send(h.request("/v2/lambda/limits/blobs/uploads/")
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(post.statusCode()).as(text(post)).isEqualTo(202);
    return post.headers().firstValue("Location").orElseThrow();
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}

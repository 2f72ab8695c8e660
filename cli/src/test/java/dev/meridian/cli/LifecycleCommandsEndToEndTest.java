package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meridian retention|lock|deleted} against the local runtime, as docs/cli.md shows them. */
class LifecycleCommandsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  static LocalRegistry runtime;
  static CliRunner cli;

  @BeforeAll
  static void start() throws Exception {
    runtime = LocalRegistry.start();
    String eastus = runtime.region("eastus");
    cli = new CliRunner(work.resolve("auth.json"), eastus);
    CliRunner.Result login = cli.runWithInput(ImagesEndToEndTest.PASSWORD + "\n",
        "login", eastus, "-u", "admin", "--password-stdin");
    assertThat(login.exit()).as(login.describe()).isZero();
    for (String tag : new String[] {"v1", "b1", "b2"}) {
      TestLayouts.write(work.resolve("img-" + tag), tag, tag.hashCode(), 100);
      CliRunner.Result push = cli.run("push", "-q", "oci:" + work.resolve("img-" + tag) + ":" + tag,
          "demo/app:" + tag);
      assertThat(push.exit()).as(push.describe()).isZero();
    }
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void lock_whenTagWriteLocked_refusesAPushOverIt_untilRemoved() throws Exception {
    CliRunner.Result set = cli.run("lock", "set", "demo/app:v1", "--write-enabled", "false",
        "-o", "json");
    assertThat(set.exit()).as(set.describe()).isZero();
    assertThat(JSON.readTree(set.out()).path("pinnedDigest").asText()).startsWith("sha256:");
    assertThat(cli.run("lock", "list").out()).contains("demo/app:v1");

    CliRunner.Result refused = cli.run("push", "-q", "oci:" + work.resolve("img-b1") + ":b1",
        "demo/app:v1");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("DENIED");

    assertThat(cli.run("lock", "remove", "demo/app:v1").exit()).isZero();
    assertThat(cli.run("lock", "rule", "set", "releases", "--repositories", "demo/**",
        "--exclude", "latest").exit()).isZero();
    assertThat(cli.run("lock", "rule", "list").out()).contains("IMMUTABLE_WITH_EXCLUSION");
    assertThat(cli.run("lock", "rule", "delete", "releases").exit()).isZero();
  }

  @Test
  void retention_dryRunThenRun_deletesWhatTheDryRunListed() throws Exception {
    assertThat(cli.run("retention", "set", "keep-two", "--repositories", "demo/**",
        "--keep-last", "1", "--exclude", "v*").exit()).isZero();
    assertThat(cli.run("retention", "list").out()).contains("keep-two");

    JsonNode dry = JSON.readTree(cli.run("retention", "run", "--dry-run", "-o", "json").out());
    JsonNode real = JSON.readTree(cli.run("retention", "run", "-o", "json").out());

    assertThat(dry.path("selected")).hasSize(1);
    assertThat(real.path("deleted")).isEqualTo(dry.path("selected"));
    assertThat(cli.run("retention", "delete", "keep-two").exit()).isZero();
  }

  @Test
  void deleted_whenSoftDeleteOn_listsAndRestoresADeletedManifest() throws Exception {
    assertThat(cli.run("deleted", "policy", "--enabled", "true", "--days", "7").exit()).isZero();
    TestLayouts.write(work.resolve("img-gone"), "gone", 99, 100);
    assertThat(cli.run("push", "-q", "oci:" + work.resolve("img-gone") + ":gone",
        "demo/gone:g1").exit()).isZero();
    String digest = cli.run("manifest", "show", "demo/gone:g1").out().lines()
        .filter(l -> l.startsWith("digest:")).findFirst().orElseThrow().substring(7).strip();
    // The CLI has no manifest delete; a client's DELETE by digest (as skopeo delete does).
    HttpResponse<String> delete = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + runtime.region("eastus") + "/v2/demo/gone/manifests/" + digest))
        .DELETE().header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("admin:" + ImagesEndToEndTest.PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).as(delete.body()).isEqualTo(202);

    assertThat(cli.run("deleted", "list", "demo/gone").out()).contains(digest);
    CliRunner.Result restore = cli.run("deleted", "restore", "demo/gone@" + digest, "--tag", "g1");
    assertThat(restore.exit()).as(restore.describe()).isZero();
    assertThat(cli.run("deleted", "list", "demo/gone", "-o", "json").out()).doesNotContain(digest);
  }
}

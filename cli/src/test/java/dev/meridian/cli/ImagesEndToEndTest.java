package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.error.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a real local runtime (three regions, auth on): login, push, replication, pull
 * from another region, archives, read commands and their exit codes.
 */
// A hang guard, not a speed check.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ImagesEndToEndTest {

  static final String PASSWORD = System.getenv("MERIDIAN_BOOTSTRAP_PASSWORD");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  static LocalRegistry runtime;
  static String eastus;
  static String canadacentral;
  static CliRunner cli;

  @BeforeAll
  static void start() {
    runtime = LocalRegistry.start();
    eastus = runtime.region("eastus");
    canadacentral = runtime.region("canadacentral");
    cli = new CliRunner(work.resolve("auth.json"), eastus);
    CliRunner.Result login = cli.runWithInput(PASSWORD + "\n", "login", eastus, "-u", "admin", "--password-stdin");
    assertThat(login.exit()).as(login.describe()).isZero();
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void login_withCredsStore_storesThroughTheHelperProgram_andCommandsReadItBack() throws Exception {
    dev.meridian.cli.auth.FakeCredentialHelper helper =
        dev.meridian.cli.auth.FakeCredentialHelper.install(work.resolve("helper"), "fake");
    Path config = work.resolve("helper-config.json");
    Files.writeString(config, "{\"credsStore\":\"fake\"}");
    CliRunner viaHelper = new CliRunner(config, eastus).env("PATH", helper.path());

    CliRunner.Result login = viaHelper.runWithInput(PASSWORD + "\n", "login", eastus, "-u", "admin", "--password-stdin");

    assertThat(login.exit()).as(login.describe()).isZero();
    assertThat(login.out()).contains("docker-credential-fake");
    assertThat(JSON.readTree(helper.entry(eastus).orElseThrow()).path("Secret").asText()).isEqualTo(PASSWORD);
    assertThat(Files.readString(config)).doesNotContain(PASSWORD)
        .doesNotContain(Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    CliRunner.Result repos = viaHelper.run("repo", "list");
    assertThat(repos.exit()).as(repos.describe()).isZero();
    assertThat(helper.calls()).contains("store", "get");

    CliRunner.Result logout = viaHelper.run("logout", eastus);
    assertThat(logout.exit()).as(logout.describe()).isZero();
    assertThat(helper.entry(eastus)).isEmpty();
    assertThat(viaHelper.run("repo", "list").exit()).isEqualTo(ExitCode.AUTH.code());
  }

  @Test
  void login_storesDockerCredentialFormat_andWrongPasswordExitsWithAuthClass() throws Exception {
    JsonNode file = JSON.readTree(work.resolve("auth.json").toFile());
    String expected = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(file.path("auths").path(eastus).path("auth").asText()).isEqualTo(expected);
    // accounts are global: the admin's login is stored for every region's endpoint
    assertThat(file.path("auths").path(canadacentral).path("auth").asText()).isEqualTo(expected);
    assertThat(file.path("auths").size()).isEqualTo(3);

    CliRunner other = new CliRunner(work.resolve("other-auth.json"), eastus);
    CliRunner.Result wrong = other.runWithInput("not-the-password\n", "login", eastus, "-u", "admin", "--password-stdin");
    assertThat(wrong.exit()).as(wrong.describe()).isEqualTo(ExitCode.AUTH.code());
    assertThat(wrong.err().lines()).hasSize(1);
    assertThat(wrong.err()).startsWith("UNAUTHORIZED: ").doesNotContain("Exception");
    assertThat(work.resolve("other-auth.json")).doesNotExist();

    CliRunner.Result anonymous = other.run("tag", "list", "anything");
    assertThat(anonymous.exit()).as(anonymous.describe()).isEqualTo(ExitCode.AUTH.code());
  }

  @Test
  void push_ociLayout_replicates_andPullsFromAnotherRegionWithTheSameDigests() {
    TestLayouts.Image image = TestLayouts.write(work.resolve("src"), "v1", 1, 3_000, 6 * 1024 * 1024 + 7);

    CliRunner.Result push = cli.run("push", "oci:" + work.resolve("src") + ":v1", eastus + "/demo/app:v1");
    assertThat(push.exit()).as(push.describe()).isZero();
    assertThat(push.out()).contains("@" + image.manifestDigest());
    assertThat(push.err()).contains("blob " + image.layerDigests().get(1).substring(0, 19) + " done");

    CliRunner.Result watch = cli.run("replication", "status", eastus + "/demo/app:v1", "--watch",
        "--interval", "200ms", "--timeout", "2m");
    assertThat(watch.exit()).as(watch.describe()).isZero();
    assertThat(watch.out()).contains("canadacentral").contains("current").doesNotContain("pending\n");

    Path pulled = work.resolve("pulled");
    CliRunner.Result pull = cli.run("pull", canadacentral + "/demo/app:v1", "oci:" + pulled + ":v1");
    assertThat(pull.exit()).as(pull.describe()).isZero();
    assertThat(TestLayouts.read(pulled, "v1")).isEqualTo(image);
  }

  @Test
  void push_multiPlatformIndex_copiesChildrenFirst_andPullsBackByteExact() throws Exception {
    String index = TestLayouts.writeIndex(work.resolve("multi"), "v1", 40);
    CliRunner.Result push = cli.run("push", "-q", "oci:" + work.resolve("multi") + ":v1", "multi/app:v1");
    assertThat(push.exit()).as(push.describe()).isZero();
    assertThat(push.out().strip()).isEqualTo(index);

    CliRunner.Result show = cli.run("manifest", "show", "multi/app:v1");
    assertThat(show.out()).contains("application/vnd.oci.image.index.v1+json").contains("manifest  sha256:");

    Path back = work.resolve("multi-back");
    CliRunner.Result pull = cli.run("pull", "-q", eastus + "/multi/app:v1", "oci:" + back + ":v1");
    assertThat(pull.exit()).as(pull.describe()).isZero();
    JsonNode entries = JSON.readTree(back.resolve("index.json").toFile()).path("manifests");
    assertThat(entries.get(0).path("digest").asText()).isEqualTo(index);
    JsonNode pulledIndex = JSON.readTree(back.resolve("blobs/sha256").resolve(index.substring(7)).toFile());
    for (JsonNode child : pulledIndex.path("manifests")) {
      assertThat(back.resolve("blobs/sha256").resolve(child.path("digest").asText().substring(7))).exists();
    }
    assertThat(TestLayouts.sha256(Files.readAllBytes(back.resolve("blobs/sha256").resolve(index.substring(7)))))
        .isEqualTo(index);
  }

  @Test
  void push_throughTheGlobalEndpoint_sendsUploadsToTheRegionsLocationWithItsOwnLogin() {
    String global = runtime.global();
    CliRunner viaGlobal = new CliRunner(work.resolve("global-auth.json"), global);
    CliRunner.Result login = viaGlobal.runWithInput(PASSWORD + "\n", "login", global, "-u", "admin", "--password-stdin");
    assertThat(login.exit()).as(login.describe()).isZero();
    assertThat(login.out()).contains("Also stored for " + eastus);
    TestLayouts.Image image = TestLayouts.write(work.resolve("global-src"), "v1", 8, 6 * 1024 * 1024 + 1);

    // the session Locations are absolute URLs of the region that opened them (docs/api.md)
    CliRunner.Result push = viaGlobal.run("push", "oci:" + work.resolve("global-src") + ":v1", "global/app:v1");
    assertThat(push.exit()).as(push.describe()).isZero();
    assertThat(cli.run("manifest", "show", "global/app:v1").out()).contains(image.manifestDigest());
  }

  @Test
  void tagList_tableAndJson_andUnknownTagExitsNotFound() throws Exception {
    TestLayouts.write(work.resolve("tags"), "a", 2, 100);
    for (String tag : new String[] {"one", "two"}) {
      CliRunner.Result push = cli.run("push", "-q", "oci:" + work.resolve("tags") + ":a", "tags/app:" + tag);
      assertThat(push.exit()).as(push.describe()).isZero();
      assertThat(push.out().strip()).startsWith("sha256:");
      assertThat(push.err()).isEmpty();
    }
    CliRunner.Result table = cli.run("tag", "list", "tags/app");
    assertThat(table.out().lines()).containsExactly("TAG", "one", "two");

    CliRunner.Result json = cli.run("tag", "list", eastus + "/tags/app", "-o", "json");
    assertThat(json.exit()).as(json.describe()).isZero();
    JsonNode node = JSON.readTree(json.out());
    assertThat(node.path("name").asText()).isEqualTo("tags/app");
    assertThat(node.path("tags").toString()).isEqualTo("[\"one\",\"two\"]");

    CliRunner.Result missing = cli.run("manifest", "show", "tags/app:three");
    assertThat(missing.exit()).as(missing.describe()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(missing.err()).startsWith("MANIFEST_UNKNOWN: ");
    assertThat(missing.err().lines()).hasSize(1);

    CliRunner.Result delete = cli.run("tag", "delete", "tags/app:two");
    assertThat(delete.exit()).as(delete.describe()).isZero();
    assertThat(cli.run("tag", "list", "tags/app").out().lines()).containsExactly("TAG", "one");
    assertThat(cli.run("tag", "delete", "tags/app:two").exit()).isEqualTo(ExitCode.NOT_FOUND.code());
  }

  @Test
  void dockerArchive_roundTrip_keepsConfigAndLayers() {
    TestLayouts.Image image = TestLayouts.write(work.resolve("docker-src"), "v1", 3, 2_000, 5_000);
    assertThat(cli.run("push", "oci:" + work.resolve("docker-src") + ":v1", "arch/app:v1").exit()).isZero();

    Path archive = work.resolve("app.tar");
    CliRunner.Result save = cli.run("pull", eastus + "/arch/app:v1", "docker-archive:" + archive);
    assertThat(save.exit()).as(save.describe()).isZero();
    CliRunner.Result load = cli.run("push", "docker-archive:" + archive, "arch/app:v2");
    assertThat(load.exit()).as(load.describe()).isZero();

    Path back = work.resolve("docker-back");
    assertThat(cli.run("pull", eastus + "/arch/app:v2", "oci:" + back + ":v2").exit()).isZero();
    TestLayouts.Image got = TestLayouts.read(back, "v2");
    assertThat(got.configDigest()).isEqualTo(image.configDigest());
    assertThat(got.layerDigests()).isEqualTo(image.layerDigests());
  }

  @Test
  void ociArchive_roundTrip_keepsTheManifestDigest() {
    TestLayouts.Image image = TestLayouts.write(work.resolve("oci-src"), "v1", 4, 1_500);
    Path archive = work.resolve("app.oci.tar");
    assertThat(cli.run("copy", "oci:" + work.resolve("oci-src") + ":v1", "oci-archive:" + archive + ":v1").exit()).isZero();
    assertThat(cli.run("push", "oci-archive:" + archive + ":v1", "ociarch/app:v1").exit()).isZero();
    CliRunner.Result show = cli.run("manifest", "show", "ociarch/app:v1");
    assertThat(show.out()).contains("digest:    " + image.manifestDigest());
  }

  @Test
  void copy_fromMeridianToDistribution_keepsEveryDigest() throws Exception {
    TestLayouts.Image image = TestLayouts.write(work.resolve("dist-src"), "v1", 6, 4_000, 6 * 1024 * 1024);
    assertThat(cli.run("push", "-q", "oci:" + work.resolve("dist-src") + ":v1", "dist/app:v1").exit()).isZero();
    Path dir = java.nio.file.Files.createDirectories(work.resolve("distribution"));
    try (DistributionRegistry distribution = DistributionRegistry.start(dir)) {
      CliRunner.Result copy = cli.run("copy", eastus + "/dist/app:v1", distribution.host() + "/mirror/app:v1");
      assertThat(copy.exit()).as(copy.describe()).isZero();
      Path back = work.resolve("dist-back");
      CliRunner.Result pull = cli.run("pull", distribution.host() + "/mirror/app:v1", "oci:" + back + ":v1");
      assertThat(pull.exit()).as(pull.describe()).isZero();
      assertThat(TestLayouts.read(back, "v1")).isEqualTo(image);
      CliRunner.Result missing = cli.run("manifest", "show", distribution.host() + "/mirror/app:nope");
      assertThat(missing.exit()).as(missing.describe()).isEqualTo(ExitCode.NOT_FOUND.code());
    }
  }

  @Test
  void regionList_andEvents_readTheAdminApi() throws Exception {
    CliRunner.Result regions = cli.run("region", "list", "-o", "json");
    assertThat(regions.exit()).as(regions.describe()).isZero();
    assertThat(JSON.readTree(regions.out()).path("regions").size()).isEqualTo(3);
    assertThat(cli.run("region", "list").out()).contains("westeurope").contains("canadacentral");

    TestLayouts.write(work.resolve("ev"), "v1", 5, 10);
    assertThat(cli.run("push", "-q", "oci:" + work.resolve("ev") + ":v1", "events/app:v1").exit()).isZero();
    CliRunner.Result events = cli.run("events");
    assertThat(events.exit()).as(events.describe()).isZero();
    assertThat(events.out()).contains("push").contains("events/app");
    assertThat(Files.exists(work)).isTrue();
  }
}

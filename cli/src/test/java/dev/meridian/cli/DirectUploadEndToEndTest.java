package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push through Meridian's direct uploads (docs/uploads.md) against the local runtime with the
 * Lambda front ({@code --front lambda}: API Gateway's limits, a request body of at most 4 MiB),
 * and the fallback to the standard protocol where the registry does not offer them.
 */
// A hang guard, not a speed check.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DirectUploadEndToEndTest {

  private static final int LAYER = 40 * 1024 * 1024 + 13;

  @TempDir static Path work;
  static LocalRegistry lambda;
  static String eastus;
  static String canadacentral;
  static CliRunner cli;

  @BeforeAll
  static void start() {
    lambda = LocalRegistry.start("LAMBDA");
    eastus = lambda.region("eastus");
    canadacentral = lambda.region("canadacentral");
    cli = CliRunner.signedIn(work.resolve("auth.json"), eastus);
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
  }

  @Test
  void push_largeLayerOnLambdaFront_goesStraightToStorage_andPullsFromAnotherRegionWithTheSameDigests() {
    TestLayouts.Image image = TestLayouts.write(work.resolve("big"), "v1", 21, 2_000, LAYER);

    CliRunner.Result push = cli.run("push", "oci:" + work.resolve("big") + ":v1", eastus + "/direct/app:v1");
    assertThat(push.exit()).as(push.describe()).isZero();
    assertThat(push.out()).contains("@" + image.manifestDigest());
    String big = image.layerDigests().get(1).substring(0, 19);
    assertThat(push.err()).containsPattern("blob " + big + " done 40\\.0 MiB in [0-9.]+ s \\(direct\\)");
    // the small layer is under the threshold: the standard protocol, as before
    assertThat(push.err()).containsPattern("blob " + image.layerDigests().get(0).substring(0, 19) + " done .* s\\n");

    assertThat(replicatedAndPulledFromCanadacentral("direct/app", "big-pulled")).isEqualTo(image);

    // registry to registry: each part read from the source with a Range at its offset
    CliRunner.Result copy = cli.run("copy", canadacentral + "/direct/app:v1", eastus + "/copied/app:v1");
    assertThat(copy.exit()).as(copy.describe()).isZero();
    assertThat(copy.err()).contains(big + " done 40.0 MiB").contains("(direct)");
    Path copied = work.resolve("big-copied");
    CliRunner.Result back = cli.run("pull", eastus + "/copied/app:v1", "oci:" + copied + ":v1");
    assertThat(back.exit()).as(back.describe()).isZero();
    assertThat(TestLayouts.read(copied, "v1")).isEqualTo(image);
  }

  /** 128 parts of 8 MiB, verified by the registry in one or more rounds of the completing PUT. */
  @Test
  void push_oneGibLayer_goesStraightToStorage_andPullsFromAnotherRegionWithTheSameDigests() {
    TestLayouts.Image image = TestLayouts.write(work.resolve("gib"), "v1", 24, 1 << 30);

    CliRunner.Result push = cli.run("push", "oci:" + work.resolve("gib") + ":v1", eastus + "/gib/app:v1");
    assertThat(push.exit()).as(push.describe()).isZero();
    assertThat(push.err()).contains("done 1.0 GiB").contains("(direct)");
    assertThat(replicatedAndPulledFromCanadacentral("gib/app", "gib-pulled")).isEqualTo(image);
  }

  /**
   * A push killed mid-upload (SIGKILL: no clean-up runs) leaves its session recorded in the cache
   * directory; the next push of the same blob resumes it, sending only the parts not yet accepted.
   */
  @Test
  void push_killedMidUpload_isResumedByTheNextRun_sendingOnlyTheMissingParts() throws Exception {
    TestLayouts.Image image = TestLayouts.write(work.resolve("resume"), "v1", 25, 256 << 20);
    Path cache = work.resolve("cache");
    Path journal = cache.resolve("meridian").resolve("uploads");
    String source = "oci:" + work.resolve("resume") + ":v1";
    ProcessBuilder killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Meridian.class.getName(),
        "--authfile", work.resolve("auth.json").toString(), "push", "-q", source, eastus + "/resume/app:v1")
        .redirectErrorStream(true).redirectOutput(work.resolve("first.log").toFile());
    killed.environment().put("XDG_CACHE_HOME", cache.toString());
    Process first = killed.start();
    try {
      int sent = 0;
      for (int i = 0; i < 6000 && sent < 3 && first.isAlive(); i++) {
        sent = partsRecorded(journal);
        Thread.sleep(10);
      }
      assertThat(first.isAlive()).as("the first push ended before 3 parts were recorded: "
          + Files.readString(work.resolve("first.log"))).isTrue();
    } finally {
      first.destroyForcibly().waitFor();
    }
    int before = partsRecorded(journal);
    assertThat(before).isBetween(3, 31);

    CliRunner resumed = new CliRunner(work.resolve("auth.json"), eastus).env("XDG_CACHE_HOME", cache.toString());
    CliRunner.Result push = resumed.run("push", source, eastus + "/resume/app:v1");

    assertThat(push.exit()).as(push.describe()).isZero();
    assertThat(push.err()).containsPattern("done 256\\.0 MiB in [0-9.]+ s \\(direct, resumed: \\d+ of 32 parts sent before\\)");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("resumed: (\\d+) of 32").matcher(push.err());
    assertThat(m.find()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(before);
    try (java.util.stream.Stream<Path> left = Files.list(journal)) {
      assertThat(left).isEmpty();
    }
    Path pulled = work.resolve("resume-pulled");
    CliRunner.Result pull = cli.run("pull", eastus + "/resume/app:v1", "oci:" + pulled + ":v1");
    assertThat(pull.exit()).as(pull.describe()).isZero();
    assertThat(TestLayouts.read(pulled, "v1")).isEqualTo(image);
  }

  /** The parts the (only) journal entry lists as accepted; 0 when there is none yet. */
  private static int partsRecorded(Path journal) {
    try (java.util.stream.Stream<Path> files = Files.list(journal)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile()).path("done").size();
      }
    } catch (java.io.IOException notYet) {
      // no directory or a file being replaced
    }
    return 0;
  }

  /** Waits until {@code repository:v1} pushed to eastus is current everywhere, pulls it from canadacentral. */
  private static TestLayouts.Image replicatedAndPulledFromCanadacentral(String repository, String dir) {
    CliRunner.Result watch = cli.run("replication", "status", eastus + "/" + repository + ":v1", "--watch",
        "--interval", "500ms", "--timeout", "3m");
    assertThat(watch.exit()).as(watch.describe()).isZero();
    Path pulled = work.resolve(dir);
    CliRunner.Result pull = cli.run("pull", canadacentral + "/" + repository + ":v1", "oci:" + pulled + ":v1");
    assertThat(pull.exit()).as(pull.describe()).isZero();
    return TestLayouts.read(pulled, "v1");
  }

  /**
   * {@code --no-direct}: the standard protocol, which on the Lambda front still works for the CLI,
   * since it honours the advertised {@code OCI-Chunk-Max-Length} (4 MiB chunks; only clients that
   * send a layer in one PATCH get 413 SIZE_INVALID there).
   */
  @Test
  void push_withNoDirect_usesTheStandardProtocolInChunks() {
    TestLayouts.Image image = TestLayouts.write(work.resolve("std"), "v1", 22, LAYER);

    CliRunner.Result push = cli.run("push", "--no-direct", "oci:" + work.resolve("std") + ":v1",
        eastus + "/standard/app:v1");
    assertThat(push.exit()).as(push.describe()).isZero();
    assertThat(push.out()).contains("@" + image.manifestDigest());
    assertThat(push.err()).contains("blob " + image.layerDigests().get(0).substring(0, 19) + " done 40.0 MiB")
        .doesNotContain("(direct)");
  }

  @Test
  void push_toARegistryWithoutDirectUploads_fallsBackToTheStandardProtocol() throws Exception {
    TestLayouts.Image image = TestLayouts.write(work.resolve("fallback"), "v1", 23, 12 * 1024 * 1024 + 5);
    Path dir = Files.createDirectories(work.resolve("distribution"));
    try (DistributionRegistry distribution = DistributionRegistry.start(dir)) {
      CliRunner.Result push = cli.run("push", "oci:" + work.resolve("fallback") + ":v1",
          distribution.host() + "/fallback/app:v1");
      assertThat(push.exit()).as(push.describe()).isZero();
      assertThat(push.err()).contains("blob " + image.layerDigests().get(0).substring(0, 19) + " done")
          .doesNotContain("(direct)");
      Path back = work.resolve("fallback-back");
      CliRunner.Result pull = cli.run("pull", distribution.host() + "/fallback/app:v1", "oci:" + back + ":v1");
      assertThat(pull.exit()).as(pull.describe()).isZero();
      assertThat(TestLayouts.read(back, "v1")).isEqualTo(image);
    }
  }
}

package dev.meridian.aws.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.builder.ContainerEngine;
import dev.meridian.core.fakes.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * {@link CodeBuildEngine} against moto's CodeBuild ({@code moto_server}, preinstalled here; under
 * CI=true its absence fails the test): the job's inputs land under {@code _builds/engine/<job>/in/},
 * a build of the project starts with the job's variables, its log and saved image come back from
 * {@code out/}, everything under the job's prefix is deleted, and an interrupted wait stops the
 * build. moto runs no buildspec (its builds succeed when first asked), so a stand-in for the
 * buildspec writes {@code out/} when the job's {@code args} arrive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeBuildEngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECT = "meridian-eastus-engine";
  private Process moto;
  private CodeBuildApi api;
  private UrlConnectionHttpClient http;

  @BeforeAll
  void start() throws Exception {
    String binary = onPath("moto_server");
    if (binary == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true and moto_server is missing (preinstalled on this project's machines)");
      }
      assumeTrue(false, "moto_server is not installed");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    moto = new ProcessBuilder(binary, "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    awaitPort(port);
    http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create();
    api = new CodeBuildApi(http, StaticCredentialsProvider.create(
        AwsBasicCredentials.create("test", "test")), "us-east-1",
        URI.create("http://127.0.0.1:" + port + "/"));
    ObjectNode project = JSON.createObjectNode().put("name", PROJECT)
        .put("serviceRole", "arn:aws:iam::123456789012:role/engine");
    // template.yaml's project has NO_SOURCE; moto's CreateProject insists on a location.
    project.putObject("source").put("type", "S3").put("location", "meridian-eastus/unused.zip")
        .put("buildspec", "version: 0.2");
    project.putObject("artifacts").put("type", "NO_ARTIFACTS");
    project.putObject("environment").put("type", "LINUX_CONTAINER")
        .put("image", "aws/codebuild/amazonlinux-x86_64-standard:5.0")
        .put("computeType", "BUILD_GENERAL1_SMALL").put("privilegedMode", true);
    api.call("CreateProject", project);
  }

  @AfterAll
  void stop() {
    if (moto != null) {
      moto.destroy();
    }
    if (http != null) {
      http.close();
    }
  }

  @Test
  void build_whenTheJobSucceeds_returnsTheSavedImageWithTheLogAndLeavesNothing(@TempDir Path dir)
      throws Exception {
    InMemoryObjectStore bucket = new InMemoryObjectStore("meridian-eastus");
    CodeBuildEngine engine = new CodeBuildEngine(api, bucket, PROJECT, Duration.ofMinutes(14),
        Duration.ofSeconds(1));
    Path context = Files.writeString(dir.resolve("context.tar"), "context bytes");
    Path output = dir.resolve("saved.tar");
    ContainerEngine.BuildJob job = new ContainerEngine.BuildJob("meridian-aa1-0a1b2c3d", null,
        context, ".meridian-dockerfile", Map.of("V", "1"), "", "meridian-aa1-0a1b2c3d-out:built",
        output, new ContainerEngine.Limits(1 << 30, 1 << 20));
    AtomicReference<String> args = new AtomicReference<>();
    Thread buildspec = standIn(bucket, job.name(), args, "Step 1/2 : FROM x\nSuccessfully built\n");
    List<String> log = new ArrayList<>();

    engine.build(job, log::add);
    buildspec.join();

    assertThat(Files.readString(output)).isEqualTo("saved image");
    assertThat(log).anyMatch(l -> l.startsWith("CodeBuild build " + PROJECT + ":"))
        .contains("Step 1/2 : FROM x", "Successfully built")
        .anyMatch(l -> l.endsWith(" SUCCEEDED"));
    assertThat(args.get().split("\0")).startsWith("build", "--network", "none", "--pull=false")
        .contains("--build-arg", "V=1").endsWith("-");
    assertThat(bucket.list("_builds/engine/", null, 100)).isEmpty();
    assertThat(listBuilds()).hasSize(1);
  }

  @Test
  void build_whenInterrupted_stopsTheCodeBuildBuild(@TempDir Path dir) throws Exception {
    InMemoryObjectStore bucket = new InMemoryObjectStore("meridian-eastus");
    CodeBuildEngine engine = new CodeBuildEngine(api, bucket, PROJECT, Duration.ofMinutes(14),
        Duration.ofSeconds(30));
    Path context = Files.writeString(dir.resolve("context.tar"), "context bytes");
    ContainerEngine.RunJob job = new ContainerEngine.RunJob("meridian-aa2-0a1b2c3d", null,
        "tool:aa2", List.of("sh", "-c", "sleep 999"), Map.of(),
        new ContainerEngine.Limits(1 << 30, 1 << 20));
    List<String> log = new ArrayList<>();
    Thread caller = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException ignored) {
        return;
      }
      caller.interrupt();
    });
    interrupter.start();

    assertThatThrownBy(() -> engine.run(job, log::add)).isInstanceOf(InterruptedException.class);

    // moto's BatchGetBuilds reports every build SUCCEEDED when asked; StopBuild's answer is
    // what tells that the build was stopped.
    assertThat(log).anyMatch(l -> l.startsWith("CodeBuild build " + PROJECT + ":")
        && l.endsWith("stopped (STOPPED): the run's time is up"));
    assertThat(bucket.list("_builds/engine/", null, 100)).isEmpty();
  }

  /** Writes the job's out/ once its args arrive, as the project's buildspec would. */
  private static Thread standIn(InMemoryObjectStore bucket, String job, AtomicReference<String> args,
      String log) {
    Thread t = new Thread(() -> {
      String in = "_builds/engine/" + job + "/in/args";
      for (int i = 0; i < 200 && bucket.head(in).isEmpty(); i++) {
        sleep(10);
      }
      try (InputStream s = bucket.get(in).orElseThrow().stream()) {
        args.set(new String(s.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      put(bucket, "_builds/engine/" + job + "/out/log.txt", log);
      put(bucket, "_builds/engine/" + job + "/out/image.tar", "saved image");
    });
    t.start();
    return t;
  }

  private List<String> listBuilds() {
    List<String> ids = new ArrayList<>();
    api.call("ListBuildsForProject", JSON.createObjectNode().put("projectName", PROJECT))
        .path("ids").forEach(n -> ids.add(n.asText()));
    return ids;
  }

  private static void put(InMemoryObjectStore bucket, String key, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    bucket.put(key, new ByteArrayInputStream(b), b.length, "text/plain");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("moto_server did not listen on " + port);
  }

  private static String onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name).toString();
      }
    }
    return null;
  }
}

package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.TestAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker CLI pushes to one region and pulls from another, against the default front and
 * against {@code --front lambda} (API Gateway and the Lambda entry points). On the Lambda shape
 * a layer over the functions' 4 MiB body limit, which docker sends in one PATCH, is refused with
 * the registry's OCI error naming the limit, and docker prints it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DockerEndToEndTest {
  @TempDir static Path work;

  @Nested
  class DirectFront extends PushAndPull {
    DirectFront() {
      super(LocalOptions.Front.DIRECT);
    }
  }

  @Nested
  class LambdaFront extends PushAndPull {
    LambdaFront() {
      super(LocalOptions.Front.LAMBDA);
    }

    @Test
    void push_whenALayerIsOverTheLambdaLimit_failsWithTheRegistrysErrorNamingIt()
        throws IOException {
      Path context = imageContext("over-limit", 4_300_000);
      String tag = host(0) + "/e2e/docker-big:v1";
      assertThat(docker.build(context, tag).succeeded()).isTrue();

      ProcessRunner.Result push = docker.push(tag);

      assertThat(push.succeeded()).isFalse();
      assertThat(push.stdout() + push.stderr()).contains("size invalid").contains("4194304");
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract class PushAndPull {
    private final LocalOptions.Front front;
    LocalRuntime runtime;
    DockerEngine docker;

    PushAndPull(LocalOptions.Front front) {
      this.front = front;
    }

    @BeforeAll
    void start() throws IOException {
      docker = DockerEngine.require(Files.createDirectories(work.resolve("config-" + front)));
      runtime = LocalRuntime.start(LocalOptions.ephemeralOnFreePorts().withFront(front));
      for (int region = 0; region < 2; region++) {
        ProcessRunner.Result login = docker.login(host(region), TestAdmin.USER, TestAdmin.PASSWORD);
        assertThat(login.succeeded()).as(login.describe()).isTrue();
      }
    }

    @AfterAll
    void stop() {
      if (runtime != null) {
        runtime.close();
      }
    }

    String host(int region) {
      return runtime.regionEndpoint(runtime.regionNames().get(region)).getAuthority();
    }

    @Test
    void push_thenPullFromAnotherRegion_isTheSameImage() throws IOException {
      Path context = imageContext("small-" + front, 200_000);
      String pushed = host(0) + "/e2e/docker:v1";
      ProcessRunner.Result build = docker.build(context, pushed);
      assertThat(build.succeeded()).as(build.describe()).isTrue();
      String id = docker.imageId(pushed);

      ProcessRunner.Result push = docker.push(pushed);
      assertThat(push.succeeded()).as(push.describe()).isTrue();
      runtime.awaitReplicationIdle(Duration.ofSeconds(60));
      String pulledRef = host(1) + "/e2e/docker:v1";
      docker.remove(pushed);
      ProcessRunner.Result pull = docker.pull(pulledRef);

      assertThat(pull.succeeded()).as(pull.describe()).isTrue();
      assertThat(docker.imageId(pulledRef)).isEqualTo(id);
      docker.remove(pulledRef);
    }
  }

  /** A {@code FROM scratch} image of one file of random bytes (no compression helps). */
  static Path imageContext(String name, int bytes) throws IOException {
    Path dir = Files.createDirectories(work.resolve("context-" + name));
    byte[] content = new byte[bytes];
    new Random(name.hashCode()).nextBytes(content);
    Files.write(dir.resolve("payload.bin"), content);
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY payload.bin /payload.bin\n");
    return dir;
  }
}

package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskFileTest {
  private static final String REGISTRY = "127.0.0.1:5001";

  @Test
  void parse_whenTheDocumentedSubset_readsEveryStepWithTemplatesRendered() {
    TaskFile file = TaskFile.parse("""
        version: v1.1.0
        steps:
          - id: build-app
            build: -t {{.Run.Registry}}/team/app:{{.Run.ID}} -t team/app:latest -f docker/Dockerfile --build-arg "MSG=hello world" --target final .
          - cmd: {{.Run.Registry}}/team/app:{{.Run.ID}} sh -c 'echo $MSG' "run {{.Run.ID}}"
            when: ["build-app"]
            env: ["MSG=hi", "REGISTRY={{.Run.Registry}}"]
            timeout: 30
          - push: ["{{.Run.Registry}}/team/app:{{.Run.ID}}"]
            when: ["-"]
        """, "aa7", REGISTRY);

    assertThat(file.version()).isEqualTo("v1.1.0");
    assertThat(file.steps()).hasSize(3);
    TaskFile.Build build = (TaskFile.Build) file.steps().get(0);
    assertThat(build.id()).isEqualTo("build-app");
    assertThat(build.images()).containsExactly("team/app:aa7", "team/app:latest");
    assertThat(build.dockerfile()).isEqualTo("docker/Dockerfile");
    assertThat(build.buildArgs()).isEqualTo(Map.of("MSG", "hello world"));
    assertThat(build.target()).isEqualTo("final");
    assertThat(build.timeout()).isEqualTo(Duration.ofSeconds(600));
    TaskFile.Cmd cmd = (TaskFile.Cmd) file.steps().get(1);
    assertThat(cmd.id()).isEqualTo("step2");
    assertThat(cmd.image()).isEqualTo("team/app:aa7");
    assertThat(cmd.args()).containsExactly("sh", "-c", "echo $MSG", "run aa7");
    assertThat(cmd.env()).containsEntry("MSG", "hi").containsEntry("REGISTRY", REGISTRY);
    assertThat(cmd.when()).containsExactly("build-app");
    assertThat(cmd.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(((TaskFile.Push) file.steps().get(2)).images()).containsExactly("team/app:aa7");
    assertThat(file.outputs()).containsExactly("team/app:aa7", "team/app:latest");
  }

  @Test
  void parse_whenOutsideTheSubset_refusesNamingWhat() {
    assertRefused("version: v1.1.0\nsecrets: []\nsteps:\n  - cmd: a\n", "'secrets' is not supported");
    assertRefused("version: v2\nsteps:\n  - cmd: a\n", "version must be v1.0.0 or v1.1.0");
    assertRefused("version: v1.1.0\nsteps: []\n", "steps must be a non-empty list");
    assertRefused("version: v1.1.0\nsteps:\n  - cmd: a\n    detach: true\n",
        "step 1: property 'detach' is not supported");
    assertRefused("version: v1.1.0\nsteps:\n  - cmd: a\n    push: [a]\n",
        "exactly one of build, push, cmd");
    assertRefused("version: v1.1.0\nsteps:\n  - build: -t a ./sub\n", "context must be '.'");
    assertRefused("version: v1.1.0\nsteps:\n  - build: -t a --squash .\n",
        "does not support '--squash'");
    assertRefused("version: v1.1.0\nsteps:\n  - cmd: docker.io/library/alpine\n",
        "names another registry");
    assertRefused("version: v1.1.0\nsteps:\n  - cmd: a\n    when: [later]\n  - id: later\n    cmd: b\n",
        "not the id of an earlier step");
    assertRefused("version: v1.1.0\nsteps:\n  - cmd: a\n    env: [NOVALUE]\n", "KEY=VALUE");
    assertRefused("version: v1.1.0\nsteps:\n  - cmd: 'a \"b'\n", "unterminated");
    assertRefused("steps: [\n", "not valid YAML");
  }

  @Test
  void split_whenQuotedAndEscaped_keepsWordsAsAShellWould() {
    assertThat(CommandLine.split("a 'b c' \"d \\\"e\\\"\" f\\ g ''", "x"))
        .isEqualTo(List.of("a", "b c", "d \"e\"", "f g", ""));
  }

  private static void assertRefused(String yaml, String message) {
    assertThatThrownBy(() -> TaskFile.parse(yaml, "aa1", REGISTRY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}

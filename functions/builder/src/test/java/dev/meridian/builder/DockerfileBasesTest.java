package dev.meridian.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.oci.ImageName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileBasesTest {

  @Test
  void parse_whenStagesArgsScratchAndDigests_returnsTaggedRegistryBasesOnly() {
    String dockerfile = """
        ARG BASE=team/os
        ARG VERSION=1
        FROM ${BASE}:${VERSION} AS os
        FROM scratch AS empty
        FROM team/tools@sha256:%s AS pinned
        FROM os
        FROM team/runtime
        COPY --from=team/other:2 /x /x
        """.formatted("a".repeat(64));

    assertThat(DockerfileBases.parse(dockerfile, Map.of("VERSION", "2")))
        .extracting(ImageName::toString).containsExactly("team/os:2", "team/runtime:latest");
  }

  @Test
  void parse_whenNoFrom_failsClearly() {
    assertThatThrownBy(() -> DockerfileBases.parse("ARG X=1\n", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no FROM");
  }
}

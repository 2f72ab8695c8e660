package dev.meridian.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.builder.runs.BudgetedContextReader;
import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectInfo;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builds API's reads of an uploaded context, through the builder and its budget. */
class BudgetedContextReaderTest {
  private static final String KEY = "builds/contexts/sha256/test";
  private final BudgetedContextReader reader = new BudgetedContextReader(BuildBudget.DEFAULT);

  private static ObjectContent context(TestTars tars) {
    byte[] bytes = tars.tarGz();
    return new ObjectContent(new ObjectInfo(KEY, bytes.length, "etag", "application/gzip"),
        bytes.length, new ByteArrayInputStream(bytes));
  }

  @Test
  void bases_whenDockerfileHasArgsAndStages_returnsTheRegistryBasesAsRepoTag() throws Exception {
    ObjectContent ctx = context(new TestTars().file("build/Dockerfile",
        "ARG V=1\nFROM team/os:${V} AS os\nFROM os\nFROM team/runtime\n"));

    assertThat(reader.bases(ctx, "build/Dockerfile", Map.of("V", "2")))
        .containsExactly("team/os:2", "team/runtime:latest");
  }

  @Test
  void text_returnsTheFile_andRefusesOneTheContextLacks() throws Exception {
    TestTars tars = new TestTars().file("acr-task.yaml", "version: v1.1.0\n");

    assertThat(reader.text(context(tars), "acr-task.yaml")).isEqualTo("version: v1.1.0\n");
    assertThatThrownBy(() -> reader.text(context(tars), "other.yaml"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no other.yaml");
  }

  @Test
  void text_whenContextIsOverBudget_isInvalidInputNamingTheBudget() {
    BudgetedContextReader small = new BudgetedContextReader(new BuildBudget(2, 1 << 20, 1 << 20,
        128, 4096, 127));
    TestTars tars = new TestTars().file("a", "a").file("b", "b").file("acr-task.yaml", "x");

    assertThatThrownBy(() -> small.text(context(tars), "acr-task.yaml"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-entries");
  }
}

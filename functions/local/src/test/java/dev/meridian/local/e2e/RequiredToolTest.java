package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The rule the e2e suite depends on: a missing client fails under CI and only skips elsewhere. */
class RequiredToolTest {

  private static final String MISSING = "meridian-no-such-client-7f3a";

  @Test
  void require_whenMissingAndCi_failsTheTest() {
    assertThatThrownBy(() -> RequiredTool.require(MISSING, "apt-get install -y it", true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining(MISSING);
  }

  @Test
  void require_whenMissingOutsideCi_skipsWithInstallHint() {
    assertThatThrownBy(() -> RequiredTool.require(MISSING, "apt-get install -y it", false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("apt-get install -y it");
  }

  @Test
  void require_whenOnPath_returnsExecutable() {
    assertThat(RequiredTool.require("sh", "coreutils", true)).isExecutable();
  }
}

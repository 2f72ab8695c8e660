package dev.meridian.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuditPropertiesTest {

  @Test
  void pullsInBackground_whenUnset_isTrueExceptOnLambda() {
    AuditProperties unset = new AuditProperties(null, null, null);

    assertThat(unset.pullsInBackground(null)).isTrue();
    assertThat(unset.pullsInBackground("")).isTrue();
    assertThat(unset.pullsInBackground("meridian-eastus-pull")).isFalse();
  }

  @Test
  void pullsInBackground_whenSet_followsTheSettingEverywhere() {
    assertThat(new AuditProperties(null, null, "background")
        .pullsInBackground("meridian-eastus-pull")).isTrue();
    assertThat(new AuditProperties(null, null, "inline").pullsInBackground(null)).isFalse();
  }

  @Test
  void constructor_whenPullWritesIsNeitherMode_failsNamingTheProperty() {
    assertThatThrownBy(() -> new AuditProperties(null, null, "async"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meridian.audit.pull-writes").hasMessageContaining("async");
  }
}

package dev.meridian.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Log values cannot start a forged line. */
class LogTextTest {
  @Test
  void escape_whenLineBreaksAndControls_writesEscapes() {
    assertThat(LogText.escape("/v2/a\n12:00:00 INFO forged\r\u001b[31m\u0085\u2028x"))
        .isEqualTo("/v2/a\\n12:00:00 INFO forged\\r\\u001b[31m\\u0085\\u2028x")
        .doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void escape_whenPlain_isUnchanged() {
    String plain = "/v2/team/app/manifests/sha256:ab — ünïcode";
    assertThat(LogText.escape(plain)).isSameAs(plain);
    assertThat(LogText.escape(null)).isEqualTo("null");
  }
}

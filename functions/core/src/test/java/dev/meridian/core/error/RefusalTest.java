package dev.meridian.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API's refusals on the wire, as docs/errors.md lists them. */
class RefusalTest {
  @ParameterizedTest
  @CsvSource({
      "NOT_FOUND, NAME_UNKNOWN, 404",
      "INVALID_INPUT, UNSUPPORTED, 400",
      "METHOD_NOT_ALLOWED, UNSUPPORTED, 405",
      "CONFLICT, UNSUPPORTED, 409",
      "INTERNAL, UNSUPPORTED, 500",
      "UNAVAILABLE, UNSUPPORTED, 503"})
  void because_carriesTheRefusalsCodeAndStatus(Refusal refusal, OciErrorCode code, int status) {
    RegistryException e = refusal.because("why");

    assertThat(e.code()).isEqualTo(code);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.getMessage()).isEqualTo("why");
    assertThat(refusal.because("why", Map.of("Retry-After", "5")).headers())
        .containsEntry("Retry-After", "5");
  }
}

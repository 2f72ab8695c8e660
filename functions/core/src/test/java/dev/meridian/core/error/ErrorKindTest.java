package dev.meridian.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the one table of what each refusal is on the wire. Every row is a status and code clients
 * see today (docs/errors.md); changing one changes the protocol, so it must change here too.
 */
class ErrorKindTest {
  private static final String TABLE = """
      BLOB_UNKNOWN, BLOB_UNKNOWN, 404
      BLOB_UPLOAD_INVALID, BLOB_UPLOAD_INVALID, 400
      BLOB_UPLOAD_UNKNOWN, BLOB_UPLOAD_UNKNOWN, 404
      DIGEST_INVALID, DIGEST_INVALID, 400
      MANIFEST_BLOB_UNKNOWN, MANIFEST_BLOB_UNKNOWN, 400
      MANIFEST_INVALID, MANIFEST_INVALID, 400
      MANIFEST_UNKNOWN, MANIFEST_UNKNOWN, 404
      NAME_INVALID, NAME_INVALID, 400
      NAME_UNKNOWN, NAME_UNKNOWN, 404
      SIZE_INVALID, SIZE_INVALID, 400
      UNAUTHORIZED, UNAUTHORIZED, 401
      DENIED, DENIED, 403
      TOO_MANY_REQUESTS, TOOMANYREQUESTS, 429
      MANIFEST_TOO_LARGE, MANIFEST_INVALID, 413
      BODY_TOO_LARGE, SIZE_INVALID, 413
      QUOTA_EXCEEDED, DENIED, 413
      RANGE_NOT_SATISFIABLE, SIZE_INVALID, 416
      UPLOAD_OUT_OF_ORDER, BLOB_UPLOAD_INVALID, 416
      UPLOAD_UNREADABLE, BLOB_UPLOAD_INVALID, 500
      LOCKED, DENIED, 409
      NOT_FOUND, NAME_UNKNOWN, 404
      INVALID_INPUT, UNSUPPORTED, 400
      METHOD_NOT_ALLOWED, UNSUPPORTED, 405
      REQUEST_TIMEOUT, UNSUPPORTED, 408
      CONFLICT, UNSUPPORTED, 409
      INTERNAL, UNSUPPORTED, 500
      UNAVAILABLE, UNSUPPORTED, 503
      """;

  @ParameterizedTest
  @CsvSource(textBlock = TABLE)
  void kind_isItsCodeAndStatus(ErrorKind kind, OciErrorCode code, int status) {
    assertThat(kind.code()).isEqualTo(code);
    assertThat(kind.status()).isEqualTo(status);
  }

  @Test
  void table_listsEveryKindOnce() {
    Set<String> pinned = TABLE.lines().map(row -> row.split(",")[0].trim())
        .collect(Collectors.toSet());

    assertThat(pinned).hasSize((int) TABLE.lines().count())
        .isEqualTo(Arrays.stream(ErrorKind.values()).map(Enum::name).collect(Collectors.toSet()));
  }

  @Test
  void kinds_coverEverySpecCode() {
    Set<OciErrorCode> used = EnumSet.noneOf(OciErrorCode.class);
    Arrays.stream(ErrorKind.values()).map(ErrorKind::code).forEach(used::add);

    assertThat(used).containsExactlyInAnyOrder(OciErrorCode.values());
  }

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void because_carriesTheKindsCodeStatusMessageAndHeaders(ErrorKind kind) {
    RegistryException e = kind.because("why", Map.of("Retry-After", "5"));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.code()).isEqualTo(kind.code());
    assertThat(e.status()).isEqualTo(kind.status());
    assertThat(e.getMessage()).isEqualTo("why");
    assertThat(e.headers()).containsEntry("Retry-After", "5");
    assertThat(kind.because("why").headers()).isEmpty();
  }
}

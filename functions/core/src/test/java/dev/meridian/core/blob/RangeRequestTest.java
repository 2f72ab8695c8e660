package dev.meridian.core.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.blob.RangeRequest.Partial;
import dev.meridian.core.blob.RangeRequest.Unsatisfiable;
import dev.meridian.core.blob.RangeRequest.Whole;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeRequestTest {

  @ParameterizedTest
  @CsvSource({
      "bytes=0-9, 0, 9",
      "bytes=10-19, 10, 19",
      "bytes=90-, 90, 99",
      "bytes=-10, 90, 99",
      "bytes=-1000, 0, 99",
      "bytes=50-1000, 50, 99",
      "bytes=99-99, 99, 99",
      "BYTES = 1-2, 1, 2",
      "bytes=0-99999999999999999999999, 0, 99",
      "bytes=007-8, 7, 8"})
  void parse_whenSatisfiable_partialRange(String header, long first, long last) {
    assertThat(RangeRequest.parse(header, 100))
        .isEqualTo(new Partial(new ByteRange(first, last)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0",
      "bytes=99999999999999999999-", "bytes=9223372036854775807-"})
  void parse_whenBeyondEnd_unsatisfiable(String header) {
    assertThat(RangeRequest.parse(header, 100)).isInstanceOf(Unsatisfiable.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"bytes=9-2", "items=0-9", "bytes=a-b", "bytes=", "bytes=-", "0-9",
      "bytes=0-1,5-6", "bytes=--5", "bytes=1-2-3", "bytes=+1-2"})
  void parse_whenMalformedOrUnsupported_servesWholeBlob(String header) {
    assertThat(RangeRequest.parse(header, 100)).isInstanceOf(Whole.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=0-", "bytes=0-0", "bytes=-5"})
  void parse_whenBlobEmpty_unsatisfiable(String header) {
    assertThat(RangeRequest.parse(header, 0)).isInstanceOf(Unsatisfiable.class);
  }

  @ParameterizedTest
  @CsvSource({"0, 9, 100, bytes 0-9/100", "5, 5, 6, bytes 5-5/6"})
  void contentRange_whenPartial_rfc9110Form(long first, long last, long size, String expected) {
    assertThat(new ByteRange(first, last).contentRange(size)).isEqualTo(expected);
  }
}

package dev.meridian.core.blob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentRangeTest {

  @ParameterizedTest
  @CsvSource({
      "0-0, 0, 0",
      "0-1023, 0, 1023",
      "1024-2047, 1024, 2047",
      "bytes 5-9, 5, 9",
      "bytes=5-9, 5, 9",
      "bytes 5-9/*, 5, 9",
      "bytes 5-9/100, 5, 9",
      "'  7-8 ', 7, 8",
      "999999999999999999-999999999999999999, 999999999999999999, 999999999999999999"})
  void parse_whenWellFormed_range(String header, long start, long end) {
    assertThat(ContentRange.parse(header)).contains(new ContentRange(start, end));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"9-2", "-5", "5-", "a-b", "5", "0-1-2", "bytes", "bytes */100",
      "1000000000000000000-1000000000000000001", "0-99999999999999999999", "+1-2", "0 - 5"})
  void parse_whenMalformedOutOfOrderOrHuge_empty(String header) {
    assertThat(ContentRange.parse(header)).isEmpty();
  }

  @Test
  void length_whenInclusiveRange_countsBothEnds() {
    assertThat(new ContentRange(10, 19).length()).isEqualTo(10);
    assertThat(new ContentRange(0, 0).length()).isEqualTo(1);
  }
}

package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final Instant T = Instant.parse("2026-12-07T13:14:15Z"); // a Monday

  private static Instant next(String cron, Instant after) {
    return CronSchedule.parse(cron).next(after);
  }

  @Test
  void next_whenFiveFields_firesOnWholeMinutesInUtc() {
    assertThat(next("* * * * *", T)).isEqualTo("2026-12-07T13:15:00Z");
    assertThat(next("0 3 * * *", T)).isEqualTo("2026-12-08T03:00:00Z");
    assertThat(next("*/20 * * * *", T)).isEqualTo("2026-12-07T13:20:00Z");
    assertThat(next("30 9-17/4 * * *", T)).isEqualTo("2026-12-07T13:30:00Z");
    assertThat(next("0 0 1 JAN *", T)).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(next("0 0 29 2 *", T)).isEqualTo("2028-02-29T00:00:00Z");
  }

  @Test
  void next_whenSixFields_theFirstIsTheSecond() {
    assertThat(next("*/5 * * * * *", T)).isEqualTo("2026-12-07T13:14:20Z");
    assertThat(next("0,30 * * * * *", T)).isEqualTo("2026-12-07T13:14:30Z");
    assertThat(next("10 0 0 * * *", T)).isEqualTo("2026-12-08T00:00:10Z");
  }

  @Test
  void next_whenDaysOfWeek_sundayIsZeroOrSeven_andBothDayFieldsMatchEither() {
    assertThat(next("0 12 * * SUN", T)).isEqualTo("2026-12-13T12:00:00Z");
    assertThat(next("0 12 * * 7", T)).isEqualTo("2026-12-13T12:00:00Z");
    assertThat(next("0 12 * * mon-fri", T)).isEqualTo("2026-12-08T12:00:00Z");
    // Vixie cron: day 15 of the month OR a Wednesday
    assertThat(next("0 0 15 * WED", T)).isEqualTo("2026-12-09T00:00:00Z");
  }

  @Test
  void latest_returnsTheLastFireTimeInTheWindow_orNull() {
    CronSchedule every5 = CronSchedule.parse("*/5 * * * * *");
    assertThat(every5.latest(T.minusSeconds(60), T)).isEqualTo("2026-12-07T13:14:15Z");
    assertThat(every5.latest(T.minusSeconds(1), T.plusSeconds(3))).isEqualTo(T);
    assertThat(every5.latest(T, T.plusSeconds(4))).isNull(); // the window starts after T
    assertThat(CronSchedule.parse("0 3 * * *").latest(T.minusSeconds(3600), T)).isNull();
  }

  @Test
  void parse_whenMalformed_saysWhatIsWrong() {
    assertThatThrownBy(() -> CronSchedule.parse("* * * *"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("60 * * * *"))
        .hasMessageContaining("minute").hasMessageContaining("outside 0-59");
    assertThatThrownBy(() -> CronSchedule.parse("* * * FOO *"))
        .hasMessageContaining("month").hasMessageContaining("'FOO'");
    assertThatThrownBy(() -> CronSchedule.parse("* 5-2 * * *")).hasMessageContaining("backwards");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")).hasMessageContaining("never fires");
    assertThatThrownBy(() -> CronSchedule.parse(" ")).hasMessageContaining("cron schedule");
  }
}

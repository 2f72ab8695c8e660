package dev.meridian.core.builds;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A timer trigger's schedule, in UTC (docs/builds.md "Timer triggers"): the five cron fields ACR's
 * timer triggers take ({@code minute hour day-of-month month day-of-week}), or six with a leading
 * {@code second} field. Each field is {@code *}, a number, a range {@code a-b}, a step {@code
 * * /n} or {@code a-b/n} (written without the space), or a comma list of those; months and days
 * of the week also take English three-letter names ({@code JAN}, {@code MON}); day of week 0 and 7
 * are Sunday. As in Vixie cron, when both day fields are restricted a day matches either.
 */
public final class CronSchedule {
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** A schedule with no fire time in this many years (e.g. 30 February) is refused. */
  private static final int SEARCH_YEARS = 5;

  private final String text;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(String text, String[] f) {
    this.text = text;
    boolean withSeconds = f.length == 6;
    int i = withSeconds ? 1 : 0;
    seconds = withSeconds ? field(f[0], 0, 59, null, "second") : single(0);
    minutes = field(f[i], 0, 59, null, "minute");
    hours = field(f[i + 1], 0, 23, null, "hour");
    daysOfMonth = field(f[i + 2], 1, 31, null, "day of month");
    months = field(f[i + 3], 1, 12, MONTHS, "month");
    BitSet dow = field(f[i + 4], 0, 7, DAYS, "day of week");
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    daysOfWeek = dow;
    anyDayOfMonth = f[i + 2].startsWith("*") || f[i + 2].equals("?");
    anyDayOfWeek = f[i + 4].startsWith("*") || f[i + 4].equals("?");
  }

  /** Parses five or six fields; throws {@link IllegalArgumentException} saying what is wrong. */
  public static CronSchedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a timer needs a cron schedule, e.g. '0 3 * * *'");
    }
    String[] f = text.strip().split("\\s+");
    if (f.length != 5 && f.length != 6) {
      throw new IllegalArgumentException("bad cron schedule '" + text + "': 5 fields (minute hour "
          + "day-of-month month day-of-week) or 6 with a leading second, got " + f.length);
    }
    CronSchedule s = new CronSchedule(text.strip(), f);
    if (s.next(Instant.EPOCH.plus(365L * 56, ChronoUnit.DAYS)) == null) {
      throw new IllegalArgumentException("cron schedule '" + text + "' never fires");
    }
    return s;
  }

  /** The first fire time strictly after {@code after}, or null when there is none soon. */
  public Instant next(Instant after) {
    LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
        .plusSeconds(1);
    LocalDateTime limit = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      } else if (!seconds.get(t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return t.toInstant(ZoneOffset.UTC);
      }
    }
    return null;
  }

  /**
   * The last fire time at or before {@code now} and after {@code notBefore}, or null when none is
   * in that window.
   */
  public Instant latest(Instant notBefore, Instant now) {
    Instant found = null;
    for (Instant t = next(notBefore); t != null && !t.isAfter(now); t = next(t)) {
      found = t;
    }
    return found;
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  private static BitSet single(int value) {
    BitSet b = new BitSet();
    b.set(value);
    return b;
  }

  private static BitSet field(String text, int min, int max, List<String> names, String what) {
    BitSet bits = new BitSet();
    for (String part : text.split(",", -1)) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), 1, max, null, what, text);
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, names, what, text);
        to = number(ends[1], min, max, names, what, text);
        if (from > to) {
          throw bad(text, what, "range " + range + " runs backwards");
        }
      } else {
        from = number(range, min, max, names, what, text);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String s, int min, int max, List<String> names, String what,
      String field) {
    if (names != null) {
      int named = names.indexOf(s.toUpperCase(Locale.ROOT));
      if (named >= 0) {
        return named + (min == 1 ? 1 : 0);
      }
    }
    try {
      int v = Integer.parseInt(s);
      if (v < min || v > max) {
        throw bad(field, what, v + " is outside " + min + "-" + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(field, what, "'" + s + "' is not a number" + (names == null ? "" : " or name"));
    }
  }

  private static IllegalArgumentException bad(String field, String what, String why) {
    return new IllegalArgumentException("bad cron " + what + " field '" + field + "': " + why);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronSchedule c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}

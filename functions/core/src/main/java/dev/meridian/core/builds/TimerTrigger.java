package dev.meridian.core.builds;

import java.util.regex.Pattern;

/**
 * One timer of a task (ACR's {@code --schedule}/{@code timer add}): a name unique in the task, a
 * UTC cron schedule ({@link CronSchedule}) and whether it is enabled.
 */
public record TimerTrigger(String name, CronSchedule schedule, boolean enabled) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
  /** The name a timer gets when the request names none (ACR: {@code t1}). */
  public static final String DEFAULT_NAME = "t1";

  public TimerTrigger {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad timer name '" + name
          + "': 1 to 40 letters, digits, - and _, starting with a letter or digit");
    }
    if (schedule == null) {
      throw new IllegalArgumentException("timer " + name + " needs a schedule");
    }
  }

  public static TimerTrigger of(String name, String cron, boolean enabled) {
    return new TimerTrigger(name == null ? DEFAULT_NAME : name, CronSchedule.parse(cron), enabled);
  }
}

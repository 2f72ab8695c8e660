package dev.meridian.core.builds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A running build's log sink, within the log budget ({@code meridian.builds.max-log-bytes}): each
 * line is prefixed with its time; past the budget one last line says the log was cut, and
 * further lines are dropped except the run's outcome, which {@link #finish} always writes. The
 * whole log object is rewritten on each write, so writes are coalesced to at most one per
 * {@link #FLUSH_EVERY}: a build that logs thousands of lines (a Dockerfile of many instructions)
 * costs a bounded number of rewrites of a bounded object, not one per line.
 */
final class RunLogWriter implements Consumer<String> {
  static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
  static final String SETTING = "meridian.builds.max-log-bytes";

  private final RunLogs logs;
  private final RunId id;
  private final Clock clock;
  private final long maxBytes;
  private final StringBuilder text = new StringBuilder();
  private boolean cut;
  private boolean dirty;
  private boolean finished;
  private Instant flushed = Instant.MIN;

  RunLogWriter(RunLogs logs, RunId id, Clock clock, long maxBytes) {
    this.logs = logs;
    this.id = id;
    this.clock = clock;
    this.maxBytes = maxBytes;
  }

  @Override
  public synchronized void accept(String line) {
    if (cut || finished) { // a build thread stopping late does not write after the outcome
      return;
    }
    String stamped = clock.instant() + " " + line + "\n";
    if (text.length() + stamped.length() > maxBytes) {
      cut = true;
      stamped = clock.instant() + " log cut: it exceeds the budget of " + maxBytes
          + " bytes (" + SETTING + "); the run goes on\n";
    }
    text.append(stamped);
    dirty = true;
    Instant now = clock.instant();
    if (flushed.equals(Instant.MIN) || !now.isBefore(flushed.plus(FLUSH_EVERY))) {
      flush(now);
    }
  }

  /**
   * Writes lines held back by the coalescing once {@link #FLUSH_EVERY} has passed since the last
   * write: the runner calls it while it waits, so a line followed by a long silent step is seen
   * within about a second ({@code logs?follow=true}), not only with the next line.
   */
  synchronized void flushDue() {
    Instant now = clock.instant();
    if (!finished && !now.isBefore(flushed.plus(FLUSH_EVERY))) {
      flush(now);
    }
  }

  /** Appends the run's last line (even past the budget) and writes the log out. */
  synchronized void finish(String line) {
    finish(List.of(line));
  }

  /** Appends the run's last lines (even past the budget) and writes the log out. */
  synchronized void finish(List<String> lines) {
    lines.forEach(line -> text.append(clock.instant()).append(' ').append(line).append('\n'));
    dirty = true;
    finished = true;
    flush(clock.instant());
  }

  private void flush(Instant now) {
    if (dirty) {
      logs.write(id, text.toString());
      dirty = false;
      flushed = now;
    }
  }
}

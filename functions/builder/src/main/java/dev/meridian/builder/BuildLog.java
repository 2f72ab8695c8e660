package dev.meridian.builder;

/** Where a build writes its log: one line per step, plus an {@code ERROR:} line on failure. */
@FunctionalInterface
public interface BuildLog {
  void line(String text);
}

package dev.meridian.local;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * CPU figures for the start's log lines (docs/benchmarks.md "Start time"): on a shared machine
 * the wall time of a start says how busy the machine was, the CPU time what the start costs.
 */
final class StartCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private StartCpu() {}

  /** This thread's CPU nanoseconds so far. */
  static long ofThisThread() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** The process's CPU seconds so far and the JVM's uptime, e.g. {@code 9.8 s CPU, 6.1 s up}. */
  static String summary() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    long processCpu = os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime() : -1;
    return String.format("%.1f s CPU, %.1f s since the JVM started", processCpu / 1e9,
        ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
  }
}

package dev.meridian.local.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command with a hard timeout. Output goes to files, not pipes, so a chatty
 * client can never block on a full pipe buffer while we wait for it.
 */
final class ProcessRunner {

  private ProcessRunner() {}

  /** The outcome of one command; {@link #describe()} is meant for assertion messages. */
  record Result(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {
    boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    String describe() {
      return String.join(" ", command)
          + (timedOut ? "\n  TIMED OUT" : "\n  exit " + exitCode)
          + "\n  stdout: " + tail(stdout)
          + "\n  stderr: " + tail(stderr);
    }

    private static String tail(String s) {
      return s.length() <= 4000 ? s : "…" + s.substring(s.length() - 4000);
    }
  }

  static Result run(List<String> command, Duration timeout) {
    try {
      Path out = Files.createTempFile("proc-", ".out");
      Path err = Files.createTempFile("proc-", ".err");
      try {
        Process process = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return new Result(
            List.copyOf(command),
            finished ? process.exitValue() : -1,
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8),
            !finished);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** The absolute path of an executable found on PATH, or null. */
  static Path findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }
}

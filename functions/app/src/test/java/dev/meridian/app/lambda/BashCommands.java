package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the deploy script in the tests, and reads its printed commands as bash would run them. */
final class BashCommands {
  private BashCommands() {}

  /** The words bash makes of a printed ({@code printf %q}) command line. */
  static List<String> words(String commandLine) throws Exception {
    String out = run(List.of("bash", "-c", "f() { printf '%s\\0' \"$@\"; }; eval \"f $1\"", "_",
        commandLine));
    return Arrays.asList(out.split("\0"));
  }

  /** Runs {@code command}; its standard output, asserting it finished with exit status 0. */
  static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    return out;
  }
}

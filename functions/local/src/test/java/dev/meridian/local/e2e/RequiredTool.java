package dev.meridian.local.e2e;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/**
 * Finds a client binary the end-to-end tests drive. Under CI ({@code CI=true}) a missing tool is a
 * failure — CI must install it (see .ci/run) and a skipped e2e suite would look green. On a
 * developer machine it is a skip with a message saying what to install.
 */
final class RequiredTool {

  private RequiredTool() {}

  static Path require(String binary, String installHint) {
    return require(binary, installHint, "true".equalsIgnoreCase(System.getenv("CI")));
  }

  static Path require(String binary, String installHint, boolean ci) {
    Path found = ProcessRunner.findOnPath(binary);
    if (found != null) {
      return found;
    }
    String message = binary + " not found on PATH; install it (" + installHint + ")";
    if (ci) {
      fail("CI=true and " + message + ": end-to-end tests must not be skipped in CI");
    }
    assumeTrue(false, message + " to run this end-to-end test");
    return null; // unreachable
  }
}

package dev.meridian.core.builds;

import dev.meridian.core.http.HttpHandler;

/**
 * How a run's builder reaches the registry: as the run's owner (docs/security.md "A run acts as
 * its owner"), so a run may pull only what its owner may pull and push only what its owner may
 * push. {@link #open()} is for a registry without access control.
 */
@FunctionalInterface
public interface RunAccess {

  /**
   * The handler {@code run}'s builder calls instead of {@code api}, evaluated now (when the run
   * executes, not when it was enqueued).
   *
   * @throws Refused when the owner may not run it (gone, or not allowed to push its images)
   */
  HttpHandler apiFor(BuildRun run, HttpHandler api);

  /** No access control: the builder calls the registry as it is. */
  static RunAccess open() {
    return (run, api) -> api;
  }

  /** The run may not act as its owner; the message says why, for the run's log. */
  final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }
}

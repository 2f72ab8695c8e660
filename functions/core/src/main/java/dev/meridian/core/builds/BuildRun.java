package dev.meridian.core.builds;

import java.time.Instant;
import java.util.List;

/**
 * One run's record, held in the table of the region whose seed its ID carries. A run keeps its ID
 * whatever happens to it; the next run takes the next number.
 *
 * @param images the request's image names with the run ID substituted
 * @param startedAt when it became {@code Running} (null before)
 * @param finishedAt when it reached a terminal state (null before)
 * @param outputs images pushed, with digests (empty unless it succeeded)
 * @param error why it failed, timed out, was canceled or erred (null otherwise)
 */
public record BuildRun(RunId id, RunStatus status, BuildRequest request, List<String> images,
    Trigger trigger, Instant createdAt, Instant startedAt, Instant finishedAt,
    List<OutputImage> outputs, String error) {

  public BuildRun {
    images = List.copyOf(images);
    outputs = List.copyOf(outputs == null ? List.of() : outputs);
  }

  public static BuildRun queued(RunId id, BuildRequest request, Trigger trigger, Instant now) {
    return new BuildRun(id, RunStatus.QUEUED, request, request.imagesFor(id), trigger, now, null,
        null, List.of(), null);
  }

  public BuildRun running(Instant now) {
    return to(RunStatus.RUNNING, now, null, outputs, null);
  }

  /** A terminal state: succeeded with {@code outputs}, or failed/canceled/… with {@code error}. */
  public BuildRun finished(RunStatus terminal, Instant now, List<OutputImage> outputs, String error) {
    if (!terminal.isTerminal()) {
      throw new IllegalArgumentException(terminal + " is not a terminal state");
    }
    return to(terminal, startedAt, now, outputs, error);
  }

  private BuildRun to(RunStatus next, Instant started, Instant finished, List<OutputImage> out,
      String why) {
    if (!status.canBecome(next)) {
      throw new IllegalStateException("run " + id + " cannot go from " + status.wireName()
          + " to " + next.wireName());
    }
    Instant start = next == RunStatus.RUNNING ? started : startedAt;
    return new BuildRun(id, next, request, images, trigger, createdAt, start, finished, out, why);
  }
}

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
 * @param leaseUntil while {@code Running}: when its runner's lease ends (start + the run's
 *     effective timeout + a margin); a run still {@code Running} after it lost its runner
 *     (docs/builds.md "Leases"). Null before {@code Running} or when the runner set none.
 */
public record BuildRun(RunId id, RunStatus status, BuildRequest request, List<String> images,
    Trigger trigger, Instant createdAt, Instant startedAt, Instant finishedAt,
    List<OutputImage> outputs, String error, Instant leaseUntil) {

  public BuildRun {
    images = List.copyOf(images);
    outputs = List.copyOf(outputs == null ? List.of() : outputs);
  }

  public static BuildRun queued(RunId id, BuildRequest request, Trigger trigger, Instant now) {
    return new BuildRun(id, RunStatus.QUEUED, request, request.imagesFor(id), trigger, now, null,
        null, List.of(), null, null);
  }

  public BuildRun running(Instant now) {
    return running(now, null);
  }

  /** {@code Running} since {@code now}, its runner's lease ending at {@code leaseUntil}. */
  public BuildRun running(Instant now, Instant leaseUntil) {
    return to(RunStatus.RUNNING, now, null, outputs, null, leaseUntil);
  }

  /** True when it is {@code Running} and its runner's lease ended before {@code now}. */
  public boolean leaseExpired(Instant now) {
    return status == RunStatus.RUNNING && leaseUntil != null && leaseUntil.isBefore(now);
  }

  /** A terminal state: succeeded with {@code outputs}, or failed/canceled/… with {@code error}. */
  public BuildRun finished(RunStatus terminal, Instant now, List<OutputImage> outputs, String error) {
    if (!terminal.isTerminal()) {
      throw new IllegalArgumentException(terminal + " is not a terminal state");
    }
    return to(terminal, startedAt, now, outputs, error, leaseUntil);
  }

  private BuildRun to(RunStatus next, Instant started, Instant finished, List<OutputImage> out,
      String why, Instant lease) {
    if (!status.canBecome(next)) {
      throw new IllegalStateException("run " + id + " cannot go from " + status.wireName()
          + " to " + next.wireName());
    }
    Instant start = next == RunStatus.RUNNING ? started : startedAt;
    return new BuildRun(id, next, request, images, trigger, createdAt, start, finished, out, why,
        lease);
  }
}

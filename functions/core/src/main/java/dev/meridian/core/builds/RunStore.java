package dev.meridian.core.builds;

import java.util.List;
import java.util.Optional;

/**
 * One region's run records and client tokens (its table; docs/storage-layout.md "Builds").
 * Implementations pass {@code RunStoreContract}.
 */
public interface RunStore {

  /**
   * Claims {@code clientToken} for {@code id}: the first claim wins, forever. Returns the winner:
   * {@code id} itself, or the run ID an earlier claim recorded (then {@code id} is never used).
   */
  RunId claimToken(String clientToken, RunId id);

  /** The run ID {@code clientToken} was claimed for. */
  Optional<RunId> tokenOwner(String clientToken);

  /**
   * Stores a new run (state {@code Queued}); false, writing nothing, when a run with its ID
   * exists.
   */
  boolean create(BuildRun run);

  Optional<BuildRun> get(RunId id);

  /**
   * Replaces the run with {@code next} iff its stored state is still {@code expected}: exactly one
   * of racing transitions applies. False when the state had moved on (or the run is unknown).
   */
  boolean transition(BuildRun next, RunStatus expected);

  /** Up to {@code top} runs, newest (highest sequence) first; {@code status} null: any state. */
  List<BuildRun> list(RunStatus status, int top);

  /** Queued plus running runs, counted up to {@code limit} (placement needs no more). */
  int active(int limit);
}

package dev.meridian.core.builds;

import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a run's Dockerfile into an image (implemented in {@code
 * dev.meridian.builder}). The runner calls it with the run marked {@code Running}.
 */
public interface BuildExecutor {

  /**
   * Builds and pushes {@code run}'s images.
   *
   * @param contextKey the key of the context tar.gz in the executing region's bucket
   * @param log receives log lines as they happen (the runner stores them in the bucket)
   * @return the pushed images, or the failure with its reason
   */
  Result execute(BuildRun run, String contextKey, Consumer<String> log);

  /**
   * {@code failure} null: succeeded with {@code images}. Otherwise {@code system} says whose fault
   * it was: false, the user's Dockerfile or context (the run becomes {@code Failed}); true, the
   * registry or the runner (the run becomes {@code Error}).
   */
  record Result(List<OutputImage> images, String failure, boolean system) {
    public static Result succeeded(List<OutputImage> images) {
      return new Result(images, null, false);
    }

    /** The user's fault: the run becomes {@code Failed}. */
    public static Result failed(String reason) {
      return new Result(List.of(), reason, false);
    }

    /** A system fault: the run becomes {@code Error}. */
    public static Result error(String reason) {
      return new Result(List.of(), reason, true);
    }

    public boolean succeeded() {
      return failure == null;
    }
  }
}

package dev.meridian.builder;

/**
 * The registry refused a pull the build needs (401/403): whoever the build acts as may not read
 * that repository. The build's fault, not the registry's: an {@link IllegalArgumentException}, so
 * an instruction that hits it fails with its line like any bad argument.
 */
public final class PullDeniedException extends IllegalArgumentException {
  public PullDeniedException(String repository) {
    super("pull access to " + repository + " denied: the run acts as its owner, who may not "
        + "pull " + repository);
  }
}

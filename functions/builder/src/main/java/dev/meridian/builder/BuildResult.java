package dev.meridian.builder;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.ImageName;
import java.util.List;

/** The outcome of {@link ImageBuilder#build}: pushed images, or why the build stopped. */
public sealed interface BuildResult {

  /** One pushed image name and what it now points at. */
  record PushedImage(ImageName name, Digest manifest, Digest config, long manifestSize) {}

  /** Every image name was pushed; all point at the same manifest. */
  record Succeeded(List<PushedImage> images) implements BuildResult {
    public Succeeded {
      images = List.copyOf(images);
    }
  }

  /**
   * The build stopped. {@code line} and {@code instruction} name the Dockerfile instruction at
   * fault (0 and "" when none is); {@code system} is true for registry or runner faults (the
   * run's {@code Error} state) and false for the user's ({@code Failed}).
   */
  record Failed(int line, String instruction, String message, boolean system, String logLine)
      implements BuildResult {}
}

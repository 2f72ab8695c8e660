package dev.meridian.builder;

import dev.meridian.core.oci.ImageName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one build needs.
 *
 * @param context the build context archive (tar or tar.gz)
 * @param dockerfile the Dockerfile's path inside the context, e.g. {@code Dockerfile}
 * @param buildArgs {@code --build-arg} values; they override the defaults of declared ARGs only
 * @param platform the target platform; a base image index is resolved to it
 * @param target the stage to build (its name or index), "" for the last stage
 * @param images where to push the result, at least one
 * @param created the timestamp written into the config and history. A fixed value (the default is
 *     the epoch, like jib and ko) makes builds reproducible: same inputs, same digests
 * @param source reads {@code FROM} images from the registry
 * @param sink pushes the result into the registry
 * @param log receives one line per step
 */
public record BuildInput(
    ContextArchive context,
    String dockerfile,
    Map<String, String> buildArgs,
    Platform platform,
    String target,
    List<ImageName> images,
    Instant created,
    BaseImageSource source,
    ImageSink sink,
    BuildLog log) {

  public BuildInput {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(log, "log");
    dockerfile = dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile;
    buildArgs = buildArgs == null ? Map.of() : Map.copyOf(new TreeMap<>(buildArgs));
    platform = platform == null ? Platform.LINUX_AMD64 : platform;
    target = target == null ? "" : target;
    images = List.copyOf(images);
    if (images.isEmpty()) {
      throw new IllegalArgumentException("a build needs at least one image name");
    }
    created = created == null ? Instant.EPOCH : created;
  }

  /** The usual case: default Dockerfile location, last stage, epoch timestamps. */
  public static BuildInput of(ContextArchive context, String dockerfile,
      Map<String, String> buildArgs, Platform platform, List<ImageName> images,
      BaseImageSource source, ImageSink sink, BuildLog log) {
    return new BuildInput(context, dockerfile, buildArgs, platform, "", images, Instant.EPOCH,
        source, sink, log);
  }
}

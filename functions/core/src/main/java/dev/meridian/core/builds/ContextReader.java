package dev.meridian.core.builds;

import dev.meridian.core.storage.ObjectContent;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the builds API reads from an uploaded build context while it answers a request: a task
 * file to check before a quick run is queued, and the base images of a task's Dockerfile, which
 * its base-image trigger watches (docs/builds.md "Tasks", "Task files"). The image builder
 * (meridian-builder) implements it, reading the archive within the region's build budget, so a
 * hostile context cannot hold a request thread; core knows no tar or Dockerfile grammar.
 */
public interface ContextReader {

  /**
   * The text of the file at {@code path} in {@code context}.
   *
   * @throws IllegalArgumentException when the context has no such file or is over budget
   * @throws IOException when the archive cannot be read
   */
  String text(ObjectContent context, String path) throws IOException;

  /**
   * The images of this registry, as {@code repo:tag}, that {@code dockerfile}'s {@code FROM}
   * lines build on (after build-arg substitution; not {@code scratch}, earlier stages or bases
   * pinned by digest).
   *
   * @throws IllegalArgumentException when the context has no such file, a {@code FROM} is
   *     malformed or the context is over budget
   * @throws IOException when the archive cannot be read
   */
  List<String> bases(ObjectContent context, String dockerfile, Map<String, String> buildArgs)
      throws IOException;
}

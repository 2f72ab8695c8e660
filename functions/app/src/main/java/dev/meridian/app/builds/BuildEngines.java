package dev.meridian.app.builds;

import dev.meridian.builder.ContainerEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the container engine of a region's runner from {@code MERIDIAN_BUILDS_ENGINE}
 * (docs/builder.md "Executors"). Without one, runs whose Dockerfile has RUN fail with the
 * engine-free builder's log line, as before.
 */
final class BuildEngines {
  private static final Logger LOG = LoggerFactory.getLogger(BuildEngines.class);

  private BuildEngines() {}

  /** @param configured an engine bean (CodeBuild on AWS), or null */
  static ContainerEngine choose(BuildProperties builds, ContainerEngine configured) {
    switch (builds.engine()) {
      case "none":
        return null;
      case "codebuild":
        if (configured == null) {
          throw new IllegalStateException("MERIDIAN_BUILDS_ENGINE=codebuild needs "
              + "MERIDIAN_BUILDS_CODEBUILD_PROJECT");
        }
        return configured;
      case "docker":
        return DockerCliEngine.detect().orElseThrow(() -> new IllegalStateException(
            "MERIDIAN_BUILDS_ENGINE=docker but no docker engine answers (DOCKER_HOST="
                + System.getenv("DOCKER_HOST") + ")"));
      default:
        if (configured != null) {
          return configured;
        }
        ContainerEngine docker = DockerCliEngine.detect().orElse(null);
        LOG.info("builds: {}", docker == null ? "no container engine; Dockerfiles with RUN fail"
            : "Dockerfiles with RUN run on " + docker.describe());
        return docker;
    }
  }
}

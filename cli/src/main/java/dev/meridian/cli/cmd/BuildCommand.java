package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.http.RegistryClient;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian build CONTEXT_DIR -t IMAGE}: pack the context (honouring .dockerignore), upload
 * it, enqueue, then stream the log until the run ends and exit with its outcome (docs/builds.md),
 * as {@code az acr build} does.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = {"Build a Dockerfile in the registry and stream its log; exit 0 only if the run succeeds.",
        "Image names may use {{.Run.ID}}, e.g. -t 'app:{{.Run.ID}}'."})
public final class BuildCommand implements Runnable {

  private final Session session;

  @Parameters(index = "0", paramLabel = "CONTEXT_DIR") Path context;
  @Mixin BuildOptions build;
  @Option(names = "--region", paramLabel = "NAME", description = "Queue the run in this region.")
  String region;
  @Mixin FollowOptions follow;

  BuildCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    RegistryClient client = Regions.one(session, region);
    JsonNode queued = client.json("POST", "/meridian/v1/builds", build.request(session, client, context));
    follow.follow(session, client, queued);
  }
}

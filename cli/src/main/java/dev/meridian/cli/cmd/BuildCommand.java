package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.CliException;
import dev.meridian.cli.Session;
import dev.meridian.cli.build.ContextPacker;
import dev.meridian.cli.http.RegistryClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
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
  @Option(names = {"-t", "--image"}, required = true, paramLabel = "IMAGE",
      description = "Repository:tag to push (repeatable), in this registry.")
  List<String> images;
  @Option(names = {"-f", "--file"}, defaultValue = "Dockerfile", paramLabel = "PATH",
      description = "Dockerfile, relative to the context (default: ${DEFAULT-VALUE}).")
  String dockerfile;
  @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "A build argument (repeatable).")
  Map<String, String> buildArgs;
  @Option(names = "--region", paramLabel = "NAME", description = "Queue the run in this region.")
  String region;
  @Option(names = "--timeout", paramLabel = "SECONDS", description = "The run's timeout.")
  Integer timeoutSeconds;
  @Option(names = "--no-wait", description = "Print the run ID and return without following the log.")
  boolean noWait;
  @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = Durations.class,
      description = "Log poll interval (default: ${DEFAULT-VALUE}).")
  Duration interval;

  BuildCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    RegistryClient client = Regions.one(session, region);
    String contextDigest = upload(client);
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("context", contextDigest).put("dockerfile", dockerfile);
    images.forEach(body.putArray("images")::add);
    if (buildArgs != null) {
      ObjectNode args = body.putObject("buildArgs");
      buildArgs.forEach(args::put);
    }
    if (timeoutSeconds != null) {
      body.put("timeoutSeconds", timeoutSeconds);
    }
    JsonNode queued = client.json("POST", "/meridian/v1/builds", body);
    String runId = queued.path("runId").asText();
    if (noWait) {
      session.out().println(runId);
      return;
    }
    session.err().println("Run " + runId + " queued in " + queued.path("region").asText());
    JsonNode run = new RunFollower(session, client, interval).follow(runId);
    session.err().println("Run " + runId + " " + run.path("status").asText());
    RunFollower.requireSucceeded(run);
    run.path("outputImages").forEach(o -> session.out().println(o.path("name").asText() + "@" + o.path("digest").asText()));
  }

  private String upload(RegistryClient client) {
    Path packed = null;
    try {
      packed = Files.createTempFile("meridian-context-", ".tar.gz");
      int files = ContextPacker.pack(context, dockerfile, packed);
      session.err().println("Uploading context: " + files + " files, " + Files.size(packed) + " bytes");
      JsonNode stored = client.exchangeJson("POST", "/meridian/v1/builds/contexts",
          HttpRequest.BodyPublishers.ofFile(packed), "application/gzip");
      return stored.path("context").asText();
    } catch (IOException e) {
      throw CliException.io("packing the context: " + e.getMessage());
    } finally {
      if (packed != null) {
        packed.toFile().delete();
      }
    }
  }
}

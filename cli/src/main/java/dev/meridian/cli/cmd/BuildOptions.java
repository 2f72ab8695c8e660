package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.build.ContextPacker;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.RegistryClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What {@code build} and {@code task create} share: the build request and the context upload. */
final class BuildOptions {

  @Option(names = {"-t", "--image"}, required = true, paramLabel = "IMAGE",
      description = "Repository:tag to push (repeatable), in this registry.")
  List<String> images;
  @Option(names = {"-f", "--file"}, defaultValue = "Dockerfile", paramLabel = "PATH",
      description = "Dockerfile, relative to the context (default: ${DEFAULT-VALUE}).")
  String dockerfile;
  @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "A build argument (repeatable).")
  Map<String, String> buildArgs;
  @Option(names = "--timeout", paramLabel = "SECONDS", description = "The run's timeout.")
  Integer timeoutSeconds;

  /** Packs and uploads {@code context} to the region of {@code client}; the request body naming it. */
  ObjectNode request(Session session, RegistryClient client, Path context) {
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("context", upload(session, client, context, dockerfile)).put("dockerfile", dockerfile);
    images.forEach(body.putArray("images")::add);
    if (buildArgs != null) {
      ObjectNode args = body.putObject("buildArgs");
      buildArgs.forEach(args::put);
    }
    if (timeoutSeconds != null) {
      body.put("timeoutSeconds", timeoutSeconds);
    }
    return body;
  }

  /** Packs {@code context} (honouring its .dockerignore) and uploads it; returns its digest. */
  static String upload(Session session, RegistryClient client, Path context, String dockerfile) {
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

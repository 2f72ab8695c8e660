package dev.meridian.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schemas of docs/events/ (one per event type, plus the CloudEvents
 * envelope), read from the repository, validated with networknt's json-schema-validator.
 */
public final class EventSchemas {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

  private EventSchemas() {}

  /** docs/events/, found from the working directory up (a module's directory under Maven). */
  public static Path directory() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path dir = p.resolve("docs/events");
      if (Files.isDirectory(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException("no docs/events above " + Path.of("").toAbsolutePath());
  }

  /** The schema file of an action: {@code <action>.schema.json}, any {@code build…} in build's. */
  public static Path fileFor(String action) {
    Path exact = directory().resolve(action + ".schema.json");
    if (Files.exists(exact) || !action.startsWith("build")) {
      return exact;
    }
    return directory().resolve("build.schema.json");
  }

  /** The violations of {@code document} against the schema in {@code file} (empty: valid). */
  public static List<String> violations(Path file, JsonNode document) {
    Schema schema = LOADED.computeIfAbsent(file.toString(), f -> {
      try (InputStream in = Files.newInputStream(file)) {
        return REGISTRY.getSchema(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return schema.validate(document).stream().map(Error::toString).toList();
  }

  public static List<String> violationsOfEvent(JsonNode document) {
    return violations(fileFor(document.path("action").asText()), document);
  }

  public static List<String> violationsOfCloudEvent(JsonNode body) {
    return violations(directory().resolve("cloudevent.schema.json"), body);
  }
}

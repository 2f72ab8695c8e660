package dev.meridian.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code -o/--output json|table} of every read command: JSON is the registry's answer as is. */
public final class OutputOption {

  public enum Format { table, json }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "json or table (default: ${DEFAULT-VALUE}).")
  Format format = Format.table;

  public boolean json() {
    return format == Format.json;
  }

  /** Prints {@code node} as JSON, or the table {@code table} builds from it. */
  public void print(PrintWriter out, JsonNode node, java.util.function.Function<JsonNode, Table> table) {
    if (json()) {
      printJson(out, node);
    } else {
      table.apply(node).print(out);
    }
    out.flush();
  }

  public static void printJson(PrintWriter out, JsonNode node) {
    try {
      out.println(JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.Session;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.error.ExitCode;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.http.RegistryErrors;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Streams a run's log until the run ends, like {@code az acr build}: polls the log (404 until the
 * run writes its first line) and prints what is new, then the final state; a run that did not
 * succeed is exit 1 with its error.
 */
final class RunFollower {

  static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Canceled", "Timeout", "Error");

  private final Session session;
  private final RegistryClient client;
  private final Duration interval;

  RunFollower(Session session, RegistryClient client, Duration interval) {
    this.session = session;
    this.client = client;
    this.interval = interval;
  }

  /**
   * Prints the log as it grows; returns the finished run. Uses the server's long poll ({@code
   * logs?offset=N}: new bytes as soon as there are any, with the next offset and whether the run
   * ended — on every front, Lambda's included); a server without it answers the whole log, which
   * is then printed from where the last print stopped, every {@code interval}.
   */
  JsonNode follow(String runId) {
    long offset = 0;
    while (true) {
      String path = "/meridian/v1/builds/" + runId + "/logs?offset=" + offset;
      HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.resolve(path)).GET(),
          HttpResponse.BodyHandlers.ofByteArray());
      java.util.Optional<String> next = response.headers().firstValue("Meridian-Log-Offset");
      if (response.statusCode() == 200 && next.isPresent()) {
        session.out().print(new String(response.body(), StandardCharsets.UTF_8));
        session.out().flush();
        offset = Long.parseLong(next.get());
        if (response.headers().firstValue("Meridian-Run-Ended").orElse("").equals("true")) {
          return client.getJson("/meridian/v1/builds/" + runId);
        }
        continue;
      }
      return poll(runId);
    }
  }

  /** Against a server without {@code ?offset=}: the whole log every {@code interval}. */
  private JsonNode poll(String runId) {
    int printed = 0;
    while (true) {
      JsonNode run = client.getJson("/meridian/v1/builds/" + runId);
      printed = printNew(runId, printed);
      if (FINISHED.contains(run.path("status").asText())) {
        printNew(runId, printed);
        return run;
      }
      Durations.sleep(interval);
    }
  }

  /** Exit 0 for Succeeded, else a one-line failure with the run's error. */
  static void requireSucceeded(JsonNode run) {
    String status = run.path("status").asText();
    if (!status.equals("Succeeded")) {
      String error = run.path("error").isNull() ? "" : ": " + run.path("error").asText();
      throw new CliException(ExitCode.FAILED, status.toUpperCase(java.util.Locale.ROOT),
          "run " + run.path("runId").asText() + " " + status + error);
    }
  }

  /** The whole log so far, or "" before the run wrote any. */
  String log(String runId) {
    String path = "/meridian/v1/builds/" + runId + "/logs";
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.resolve(path)).GET(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 404 && !client.getJson("/meridian/v1/builds/" + runId).isMissingNode()) {
      return "";
    }
    if (response.statusCode() != 200) {
      throw RegistryErrors.of(response, "GET " + path);
    }
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private int printNew(String runId, int printed) {
    String log = log(runId);
    if (log.length() > printed) {
      session.out().print(log.substring(printed));
      session.out().flush();
    }
    return Math.max(printed, log.length());
  }
}

package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.naming.Seed;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The messages of a region's build queue on AWS (docs/aws.md, "Builds"): each asks for one run
 * of this region to be executed by {@code runBuild}. An EventBridge Pipe on the table's stream
 * sends one per new run record ({@code pk = run}, an INSERT: the record exists before the
 * message does), carrying the item's sort key, the run's 20-digit sequence: {@code
 * {"build":"run","sequence":"00000000000000000007"}}. A hand-sent {@code
 * {"build":"run","runId":"aa7"}} works too.
 *
 * <p>Delivery is at least once and {@code runBuild} is safe to repeat: a run that is no longer
 * {@code Queued} (another delivery took it, it was canceled) answers {@code NotQueued} and the
 * message is done. A body that is not such a request, or a run ID of another region, is poison:
 * it fails, is reported as a batch item failure, and reaches the dead-letter queue after the
 * queue's {@code maxReceiveCount}. A failure of {@code runBuild} itself is reported the same way;
 * the redelivery then finds the run {@code Running}, and the run's lease moves it to {@code
 * Error} if its runner died (docs/builds.md "Leases").
 */
public final class BuildRunMessages implements Consumer<SQSMessage> {

  private static final Logger LOG = Logger.getLogger(BuildRunMessages.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Seed seed;
  private final Function<String, String> runBuild;

  /** @param seed this region's seed: the only runs this region's queue may carry */
  public BuildRunMessages(Seed seed, Function<String, String> runBuild) {
    this.seed = seed;
    this.runBuild = runBuild;
  }

  @Override
  public void accept(SQSMessage message) {
    RunId id = runId(message.getBody());
    String status = runBuild.apply(id.toString());
    LOG.fine(() -> "run " + id + ": " + status);
  }

  RunId runId(String text) {
    JsonNode body;
    try {
      body = JSON.readTree(text == null ? "" : text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a build run request (not JSON)", e);
    }
    if (body == null || !"run".equals(body.path("build").asText(null))) {
      throw new IllegalArgumentException("not a build run request: expected"
          + " {\"build\":\"run\",\"sequence\":\"…\"} or {\"build\":\"run\",\"runId\":\"…\"}, got "
          + text);
    }
    RunId id;
    if (body.hasNonNull("runId")) {
      id = RunId.parse(body.get("runId").asText());
    } else if (body.path("sequence").asText("").matches("[0-9]{1,20}")) {
      id = new RunId(seed, Long.parseLong(body.get("sequence").asText()));
    } else {
      throw new IllegalArgumentException("build run request without runId or sequence: " + text);
    }
    if (!id.seed().equals(seed)) {
      throw new IllegalArgumentException("run " + id + " belongs to region " + id.seed()
          + ", not to this region (" + seed + ")");
    }
    return id;
  }
}

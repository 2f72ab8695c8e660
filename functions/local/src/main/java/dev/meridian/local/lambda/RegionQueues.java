package dev.meridian.local.lambda;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.lambda.LambdaFunctions;
import dev.meridian.core.storage.StorageLayout;
import dev.meridian.local.runtime.TableInserts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A region's queues with {@code --front lambda}, as template.yaml wires them on AWS:
 *
 * <ul>
 *   <li><b>webhooks</b>: the {@code WebhookPipe} sends {@code {"dispatch":"webhooks","event":
 *       "<sk>"}} for each event-log item put into the table, the {@code WebhookRetryRule} sends
 *       {@code {"dispatch":"webhooks","source":"schedule"}} at the {@code WebhookRetryRate}, and
 *       the {@code dispatchWebhooksQueue} Lambda entry point consumes them;
 *   <li><b>builds</b>: the {@code BuildPipe} sends {@code {"build":"run","sequence":"<sk>"}} for
 *       each run record put into the table, and {@code runBuildQueue} consumes them.
 * </ul>
 *
 * Each queue and its event source take their settings from template.yaml ({@link
 * TemplateQueues}). Queue messages live in memory, so at start the region's queued runs are sent
 * again by run ID, and one webhook nudge is sent: the table, not the queue, is the record.
 */
final class RegionQueues implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegionQueues.class);
  static final String WEBHOOK_NUDGE = "{\"dispatch\":\"webhooks\",\"source\":\"schedule\"}";

  private final List<AutoCloseable> parts = new ArrayList<>();

  private RegionQueues() {}

  /**
   * Starts the region's queue consumers and the pipes and schedule that feed them.
   *
   * @param queuedRuns the region's queued runs at start (IDs), re-sent as messages
   * @param buildCapacity the {@code BuildCapacity} parameter: {@code runBuildQueue}'s concurrency
   */
  static RegionQueues start(String region, MeridianProperties properties,
      Map<String, Object> environment, List<String> queuedRuns, int buildCapacity,
      TemplateQueues template, Duration webhookRetryRate) {
    RegionQueues q = new RegionQueues();
    try {
      Map<String, Object> webhookEnv = new HashMap<>(environment);
      // As template.yaml leaves it on AWS: one invocation waits for its deliveries.
      webhookEnv.put("meridian.webhooks.await-deliveries", "true");
      SqsQueue webhooks = q.consume(region, properties, "DispatchWebhooksFunction",
          template.of(LambdaFunctions.DISPATCH_WEBHOOKS_QUEUE, p -> 2), webhookEnv);
      SqsQueue builds = q.consume(region, properties, "RunBuildFunction",
          template.of(LambdaFunctions.RUN_BUILD_QUEUE, p -> buildCapacity), environment);
      q.parts.add(TableInserts.subscribeItems(properties, StorageLayout.EVENT_PK,
          sk -> webhooks.send("{\"dispatch\":\"webhooks\",\"event\":\"" + sk + "\"}")));
      q.parts.add(TableInserts.subscribeItems(properties, StorageLayout.RUN_PK,
          sk -> builds.send("{\"build\":\"run\",\"sequence\":\"" + sk + "\"}")));
      ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-retry-rule-" + region);
        t.setDaemon(true);
        return t;
      });
      q.parts.add(schedule::shutdownNow);
      schedule.scheduleAtFixedRate(() -> webhooks.send(WEBHOOK_NUDGE),
          0, webhookRetryRate.toMillis(), TimeUnit.MILLISECONDS);
      queuedRuns.forEach(id -> builds.send("{\"build\":\"run\",\"runId\":\"" + id + "\"}"));
      LOG.info("region {}: webhooks and builds run through SQS event sources as template.yaml"
          + " wires them (webhook retry nudge every {})", region, webhookRetryRate);
      return q;
    } catch (RuntimeException e) {
      q.close();
      throw e;
    }
  }

  private SqsQueue consume(String region, MeridianProperties properties, String functionId,
      TemplateQueues.Source source, Map<String, Object> environment) {
    SqsQueue queue = new SqsQueue(properties.registry() + "-" + region + "-"
        + source.queueResource(), source.visibilityTimeout(), source.maxReceiveCount(),
        Clock.systemUTC());
    LambdaInvoker function = LambdaInvoker.start(region + "-" + functionId, source.definition(),
        environment);
    parts.add(function::close);
    int timeoutMillis = (int) source.visibilityTimeout().toMillis();
    SqsEventSource mapping = SqsEventSource.start(source.definition(), queue, source.settings(),
        event -> function.invoke(event, timeoutMillis), properties.awsRegion(),
        Clock.systemUTC());
    parts.add(0, mapping); // pollers stop before the function they invoke
    return queue;
  }

  @Override
  public void close() {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("closing a queue part failed: {}", e.toString());
      }
    }
    parts.clear();
  }
}

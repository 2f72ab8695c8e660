package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.aws.dynamodb.DynamoDbEventLog;
import dev.meridian.aws.dynamodb.DynamoDbWebhookStore;
import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.core.events.EventAction;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.events.RegistryEvent;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.webhooks.WebhookAction;
import dev.meridian.core.webhooks.WebhookConfig;
import dev.meridian.core.webhooks.WebhookScope;
import dev.meridian.core.webhooks.WebhookSigner;
import dev.meridian.core.webhooks.WebhookStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The region's events reach its EventBridge bus once each, through the Lambda entry that
 * publishes them ({@code dispatchWebhooksQueue}, docs/events.md), on moto's EventBridge: a rule on
 * the bus forwards every {@code source: meridian} event to an SQS queue, and the queue then holds
 * exactly one message per event-log entry — with ECR-style detail-types and the event's id —
 * after two nudges. A webhook whose deliveries die (its target refused, no retries: horizon 0)
 * leaves a {@code Meridian Webhook Delivery} dead letter, published by the same invocation. The
 * function's SDK calls pass its role in template.yaml (IamCheck).
 */
class EventBusLambdaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NUDGE = "{\"Records\":[{\"messageId\":\"%s\",\"receiptHandle\":\"r\","
      + "\"body\":\"{\\\"dispatch\\\":\\\"webhooks\\\"}\",\"attributes\":{},\"messageAttributes\":{},"
      + "\"eventSource\":\"aws:sqs\",\"awsRegion\":\"us-east-1\"}]}";

  static MotoServer moto;
  static LambdaHarness dispatch;
  static EventLog log;
  static String queueUrl;
  static WebhookStore webhooks;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    String bus = "meridian-test-" + UUID.randomUUID().toString().substring(0, 8);
    queueUrl = moto.sqs("CreateQueue", "{\"QueueName\":\"" + bus + "\"}").get("QueueUrl").asText();
    String queueArn = moto.sqs("GetQueueAttributes", "{\"QueueUrl\":\"" + queueUrl
        + "\",\"AttributeNames\":[\"QueueArn\"]}").get("Attributes").get("QueueArn").asText();
    try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(moto.endpoint())
        .region(Region.of(LocalS3Server.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .build()) {
      events.createEventBus(r -> r.name(bus));
      events.putRule(r -> r.name("all-meridian").eventBusName(bus)
          .eventPattern("{\"source\":[\"meridian\"]}"));
      events.putTargets(r -> r.rule("all-meridian").eventBusName(bus)
          .targets(t -> t.id("queue").arn(queueArn)));
    }
    TestRegions.Region east = TestRegions.create("eastus", "aa");
    Map<String, String> properties = new HashMap<>(TestRegions.properties(east, List.of()));
    properties.put("meridian.events.bus", bus);
    properties.put("meridian.events.endpoint", moto.endpoint().toString());
    properties.put("meridian.webhooks.horizon", "0s"); // the first failed attempt is the last
    dispatch = LambdaHarness.start(LambdaFunctions.DISPATCH_WEBHOOKS_QUEUE, properties);
    log = new DynamoDbEventLog(LocalDynamoDb.shared().client(), east.table());
    webhooks = new DynamoDbWebhookStore(LocalDynamoDb.shared().client(), east.table());
  }

  @AfterAll
  static void stop() {
    if (moto != null) {
      moto.close();
    }
  }

  @AfterAll
  static void everyCallIsAllowedByTheFunctionsRole() {
    if (dispatch != null) {
      IamCheck.assertAllowed(dispatch);
    }
  }

  @Test
  void dispatchWebhooksQueue_publishesEachLogEntryOnce_withEcrStyleDetailTypes() throws Exception {
    List<String> ids = new ArrayList<>();
    for (EventAction action : List.of(EventAction.PUSH, EventAction.DELETE, EventAction.REPLICATED)) {
      ids.add(log.append(event(action)).event().id());
    }
    for (int i = 0; i < 2; i++) { // a second nudge (the schedule's, a retry) sends nothing again
      String out = new String(dispatch.invoke(String.format(NUDGE, "m" + i)
          .getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
      assertThat(JSON.readTree(out).get("batchItemFailures")).isEmpty();
    }

    List<JsonNode> received = receiveAll(ids.size());

    assertThat(received).extracting(m -> m.get("detail").get("id").asText())
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(received).allSatisfy(m -> assertThat(m.get("source").asText()).isEqualTo("meridian"));
    assertThat(received).extracting(m -> m.get("detail-type").asText()).containsExactlyInAnyOrder(
        "Meridian Image Action", "Meridian Image Action", "Meridian Replication");
    JsonNode push = received.stream()
        .filter(m -> m.get("detail").get("action").asText().equals("push")).findFirst().orElseThrow();
    assertThat(push.get("detail").get("action-type").asText()).isEqualTo("PUSH");
    assertThat(push.get("detail").get("repository-name").asText()).isEqualTo("team/app");
    assertThat(push.get("detail").get("target").get("tag").asText()).isEqualTo("v1");
  }

  /**
   * The webhook's target is loopback, which a region on AWS refuses (the SSRF guard): the attempt
   * fails without a response and, with no retries left, is given up. Its scope is its own
   * repository, so the other test's events do not reach it.
   */
  @Test
  void dispatchWebhooksQueue_whenADeliveryDies_publishesItsDeadLetterOnce() throws Exception {
    webhooks.create(new WebhookConfig("deadhook", URI.create("http://127.0.0.1:9/hook"), Map.of(),
        Set.of(WebhookAction.PUSH), WebhookScope.parse("dead/app:*"), true,
        WebhookSigner.newSecret(), Instant.now().minusSeconds(60)));
    String pushed = log.append(event(EventAction.PUSH, "dead/app")).event().id();
    for (int i = 0; i < 2; i++) {
      String out = new String(dispatch.invoke(String.format(NUDGE, "d" + i)
          .getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
      assertThat(JSON.readTree(out).get("batchItemFailures")).isEmpty();
    }

    List<JsonNode> received = receiveAll(2);

    assertThat(received).extracting(m -> m.get("detail-type").asText())
        .containsExactlyInAnyOrder("Meridian Image Action", "Meridian Webhook Delivery");
    JsonNode dead = received.stream().filter(m -> m.get("detail-type").asText()
        .equals("Meridian Webhook Delivery")).findFirst().orElseThrow().get("detail");
    assertThat(dead.get("action").asText()).isEqualTo("webhook-dead-letter");
    assertThat(dead.get("action-type").asText()).isEqualTo("WEBHOOK_DEAD_LETTER");
    assertThat(dead.get("result").asText()).isEqualTo("FAILURE");
    assertThat(dead.get("repository-name").asText()).isEqualTo("dead/app");
    assertThat(dead.at("/webhook/name").asText()).isEqualTo("deadhook");
    assertThat(dead.at("/webhook/eventId").asText()).isEqualTo(pushed);
    assertThat(dead.at("/webhook/reason").asText()).isEqualTo("retries-exhausted");
    assertThat(dead.at("/webhook/attempts").asInt()).isEqualTo(1);
    assertThat(dead.at("/webhook/lastStatus").isNull()).isTrue();
    assertThat(dead.at("/webhook/lastError").asText()).contains("loopback");
    assertThat(webhooks.history("deadhook", null, 10)).hasSize(1); // none for the dead letter
  }

  private static RegistryEvent event(EventAction action) {
    return event(action, "team/app");
  }

  private static RegistryEvent event(EventAction action, String repository) {
    return new RegistryEvent(UUID.randomUUID().toString(), 0, Instant.now(), action, repository,
        "v1", "sha256:" + "c".repeat(64), "application/vnd.oci.image.manifest.v1+json", 512, new Seed("aa"),
        null, new EventRequest("req-1", "registry.test", "PUT", "skopeo/1.9"), "eastus");
  }

  /**
   * Every message on the queue: until {@code expected} arrived, then one more empty receive so
   * that a duplicate already on the queue would be seen (moto delivers a rule's targets within
   * the PutEvents call, so nothing is still in flight).
   */
  private static List<JsonNode> receiveAll(int expected) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      JsonNode r = moto.sqs("ReceiveMessage", "{\"QueueUrl\":\"" + queueUrl
          + "\",\"MaxNumberOfMessages\":10,\"WaitTimeSeconds\":" + (bodies.size() < expected ? 1 : 0)
          + ",\"VisibilityTimeout\":600}");
      JsonNode messages = r.get("Messages");
      if (messages == null || messages.isEmpty()) {
        if (bodies.size() >= expected) {
          break;
        }
        continue;
      }
      for (JsonNode m : messages) {
        bodies.add(JSON.readTree(m.get("Body").asText()));
      }
    }
    return bodies;
  }

}

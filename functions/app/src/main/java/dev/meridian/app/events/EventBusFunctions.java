package dev.meridian.app.events;

import dev.meridian.app.aws.AwsStorageAutoConfiguration;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.dynamodb.DynamoDbPublishCursor;
import dev.meridian.aws.eventbridge.EventBridgeEventBus;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.events.EventPublisher;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The {@code publishEvents} function: the region's event log → its EventBridge bus, each entry
 * once ({@link EventPublisher}, cursor in the region's table). Only when {@code
 * MERIDIAN_EVENTS_BUS} is set. On Lambda it runs on the event-log nudges the webhook queue
 * already receives (one per new event-log item from the table stream, plus the one-minute
 * schedule), after the webhook poll ({@code LambdaFunctions.dispatchWebhooksQueue}): a third
 * reader of the table's stream would exceed the two per shard that DynamoDB Streams advises.
 */
@AutoConfiguration(after = AwsStorageAutoConfiguration.class)
@ConditionalOnBean(EventLog.class)
@ConditionalOnProperty(prefix = "meridian.events", name = "bus")
@EnableConfigurationProperties(EventBusProperties.class)
public class EventBusFunctions {

  public static final String PUBLISH = "publishEvents";
  public static final String PUBLISH_TRIGGER = "publishEventsTrigger";

  @Bean(destroyMethod = "close")
  EventBridgeClient meridianEventBridge(MeridianProperties p, EventBusProperties e) {
    return AwsClients.eventBridge(p.connection(e.endpoint()));
  }

  @Bean
  EventPublisher eventPublisher(EventLog log, DynamoDbClient dynamoDb, EventBridgeClient client,
      MeridianProperties p, EventBusProperties e) {
    return new EventPublisher(log, new DynamoDbPublishCursor(dynamoDb, p.table()),
        new EventBridgeEventBus(client, e.bus()), e.lease(), Clock.systemUTC());
  }

  @Bean(name = PUBLISH)
  public Supplier<EventPublisher.Report> publishEvents(EventPublisher publisher) {
    return publisher::publishPending;
  }
}

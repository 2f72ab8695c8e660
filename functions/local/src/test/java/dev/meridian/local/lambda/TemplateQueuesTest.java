package dev.meridian.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bundled template.yaml's queues, as {@code --front lambda} runs them. */
class TemplateQueuesTest {
  private final TemplateQueues template = TemplateQueues.bundled();

  @Test
  void of_dispatchWebhooksQueue_readsTheWebhookQueueAndItsEventSource() {
    TemplateQueues.Source s = template.of("dispatchWebhooksQueue", p -> {
      throw new AssertionError("no parameter expected, got " + p);
    });

    assertThat(s.queueResource()).isEqualTo("WebhookQueue");
    assertThat(s.visibilityTimeout()).isEqualTo(Duration.ofSeconds(360));
    assertThat(s.maxReceiveCount()).isEqualTo(5);
    assertThat(s.settings()).isEqualTo(new SqsEventSource.Settings(10, Duration.ofSeconds(1), 2));
  }

  @Test
  void of_runBuildQueue_takesItsConcurrencyFromTheBuildCapacityParameter() {
    TemplateQueues.Source s = template.of("runBuildQueue",
        p -> p.equals("BuildCapacity") ? 7 : -1);

    assertThat(s.queueResource()).isEqualTo("BuildQueue");
    assertThat(s.visibilityTimeout()).isEqualTo(Duration.ofSeconds(5400));
    assertThat(s.maxReceiveCount()).isEqualTo(3);
    assertThat(s.settings()).isEqualTo(new SqsEventSource.Settings(1, Duration.ZERO, 7));
  }

  @Test
  void of_aFunctionWithoutSqsEvents_isRefused() {
    assertThatThrownBy(() -> template.of("pullHttp", p -> 0))
        .hasMessageContaining("no SQS event source for pullHttp");
  }

  @Test
  void scheduleRate_readsTheRetryRuleRate() {
    assertThat(template.scheduleRate("WebhookRetryRate")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void scheduleRate_whenNotARateExpression_isRefused() {
    TemplateQueues t = TemplateQueues.parse("""
        Parameters:
          Every: {Type: String, Default: "cron(0 * * * ? *)"}
        Resources: {}
        """);
    assertThatThrownBy(() -> t.scheduleRate("Every")).hasMessageContaining("not a rate");
  }
}

package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.meridian.app.RegistryFunctions;
import dev.meridian.app.ReplicationFunctions;
import dev.meridian.app.builds.BuildFunctions;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.events.EventBusFunctions;
import dev.meridian.app.events.EventLogNudge;
import dev.meridian.app.webhooks.WebhookFunctions;
import dev.meridian.core.admin.ReplicationBacklog;
import dev.meridian.core.events.EventPublisher;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.replication.ObjectCreated;
import dev.meridian.core.replication.Reconciler;
import dev.meridian.core.webhooks.WebhookDispatcher;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * The Lambda entry points: one bean per Lambda function of template.yaml, each picked by that
 * function's {@code spring_cloud_function_definition} and run by Spring Cloud Function's {@code
 * FunctionInvoker}, each a thin translation of AWS's event types onto a Meridian function:
 *
 * <pre>
 * bean                    AWS event                       → Meridian function
 * pullHttp                API Gateway v2 (GET, HEAD)      → pull
 * pushHttp                API Gateway v2 (other methods)  → push
 * replicateS3             S3 ObjectCreated                → replicate
 * reconcileSchedule       EventBridge scheduled event     → reconcile
 * dispatchWebhooksQueue   SQS batch (partial failures)    → dispatchWebhooks, publishEvents
 * runBuildQueue           SQS batch (partial failures)    → runBuild, one run per message
 * triggerBuildsSchedule   EventBridge scheduled event     → triggerBuilds (leases, triggers)
 * timerBuildsSchedule     EventBridge scheduled event     → timerBuilds (timer triggers)
 * </pre>
 *
 * HTTP functions never throw (OCI error bodies); event functions let failures escape so Lambda
 * retries ({@code replicateS3}, {@code reconcileSchedule}, {@code triggerBuildsSchedule}) or
 * report them per message ({@code dispatchWebhooksQueue}, {@code runBuildQueue}). The local runtime never calls these beans; they only add names to
 * its function catalog.
 */
@AutoConfiguration(after = {ReplicationFunctions.class, WebhookFunctions.class,
    BuildFunctions.class})
public class LambdaFunctions {

  public static final String PULL_HTTP = "pullHttp";
  public static final String PUSH_HTTP = "pushHttp";
  public static final String REPLICATE_S3 = "replicateS3";
  public static final String RECONCILE_SCHEDULE = "reconcileSchedule";
  public static final String DISPATCH_WEBHOOKS_QUEUE = "dispatchWebhooksQueue";
  public static final String RUN_BUILD_QUEUE = "runBuildQueue";
  public static final String TRIGGER_BUILDS_SCHEDULE = "triggerBuildsSchedule";
  public static final String TIMER_BUILDS_SCHEDULE = "timerBuildsSchedule";

  @Bean
  public Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> pullHttp(
      @Qualifier(RegistryFunctions.PULL) Function<HttpRequest, HttpResponse> pull,
      MeridianProperties p) {
    return new ApiGatewayHttpFunction(pull, p.region());
  }

  @Bean
  public Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> pushHttp(
      @Qualifier(RegistryFunctions.PUSH) Function<HttpRequest, HttpResponse> push,
      MeridianProperties p) {
    return new ApiGatewayHttpFunction(push, p.region());
  }

  /** One S3 event's ObjectCreated records, in order; the first failure escapes (retry). */
  @Bean
  @ConditionalOnBean(name = ReplicationFunctions.REPLICATE)
  public Consumer<S3Event> replicateS3(
      @Qualifier(ReplicationFunctions.REPLICATE) Consumer<List<ObjectCreated>> replicate) {
    return event -> replicate.accept(S3EventRecords.created(event));
  }

  /**
   * The schedule's event carries nothing reconcile needs; its report is the result. After the
   * pass, each peer's replication backlog is reported once (EMF; a Lambda process has no scrape
   * for the local runtime's gauge), unless reading it fails: that is logged, the pass stands.
   */
  @Bean
  @ConditionalOnBean(name = ReplicationFunctions.RECONCILE)
  public Function<ScheduledEvent, Reconciler.Report> reconcileSchedule(
      @Qualifier(ReplicationFunctions.RECONCILE) Supplier<Reconciler.Report> reconcile,
      ObjectProvider<ReplicationBacklog> backlog, MeridianProperties p) {
    return event -> {
      Reconciler.Report report = reconcile.get();
      backlog.ifAvailable(b -> ReplicationFunctions.reportBacklog(b, p.region()));
      return report;
    };
  }

  /** A webhook poll, then (with MERIDIAN_EVENTS_BUS) an EventBridge publishing run. */
  @Bean
  @ConditionalOnBean(name = WebhookFunctions.DISPATCH)
  public Function<SQSEvent, SQSBatchResponse> dispatchWebhooksQueue(
      @Qualifier(WebhookFunctions.DISPATCH) Supplier<WebhookDispatcher.Report> dispatch,
      @Qualifier(EventBusFunctions.PUBLISH)
          ObjectProvider<Supplier<EventPublisher.Report>> publish) {
    return new SqsBatchFunction(DISPATCH_WEBHOOKS_QUEUE,
        new WebhookDispatchMessages(EventLogNudge.of(dispatch::get, publish.getIfAvailable())));
  }

  /** One run per message ({@link BuildRunMessages}); a failed message is reported alone. */
  @Bean
  @ConditionalOnBean(name = BuildFunctions.RUN)
  public Function<SQSEvent, SQSBatchResponse> runBuildQueue(MeridianProperties p,
      @Qualifier(BuildFunctions.RUN) Function<String, String> runBuild) {
    return new SqsBatchFunction(RUN_BUILD_QUEUE, new BuildRunMessages(p.regionSeed(), runBuild));
  }

  /** Lost runs to {@code Error}, then base-image triggers; returns the runs it enqueued. */
  @Bean
  @ConditionalOnBean(name = BuildFunctions.TRIGGER)
  public Function<ScheduledEvent, Integer> triggerBuildsSchedule(
      @Qualifier(BuildFunctions.TRIGGER) Supplier<Integer> triggerBuilds) {
    return event -> triggerBuilds.get();
  }

  /** Timer triggers due now (docs/builds.md "Timer triggers"); returns the runs it enqueued. */
  @Bean
  @ConditionalOnBean(name = BuildFunctions.TIMER)
  public Function<ScheduledEvent, Integer> timerBuildsSchedule(
      @Qualifier(BuildFunctions.TIMER) Supplier<Integer> timerBuilds) {
    return event -> timerBuilds.get();
  }
}

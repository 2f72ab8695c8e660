package dev.meridian.app.webhooks;

import dev.meridian.app.aws.AwsStorageAutoConfiguration;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.events.EventLog;
import dev.meridian.core.replication.ReplicaSet;
import dev.meridian.core.replication.ReplicationStatus;
import dev.meridian.core.webhooks.ArrivalTimes;
import dev.meridian.core.webhooks.Deliverer;
import dev.meridian.core.webhooks.WebhookDispatcher;
import dev.meridian.core.webhooks.WebhookRoutes;
import dev.meridian.core.webhooks.WebhookSettings;
import dev.meridian.core.webhooks.WebhookStore;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code dispatchWebhooks} function (docs/architecture.md "The functions": triggered by the
 * region's event log; locally by the runtime's loop) and the {@code /meridian/v1/webhooks} routes,
 * over the region's {@link WebhookStore} and {@link EventLog}. Lanes run on daemon threads, one per
 * webhook in flight, so a hanging receiver holds only its own lane (bounded by the timeout).
 */
@AutoConfiguration(after = AwsStorageAutoConfiguration.class)
@ConditionalOnBean({WebhookStore.class, EventLog.class})
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookFunctions {

  public static final String DISPATCH = "dispatchWebhooks";

  @Bean
  WebhookSettings webhookSettings(MeridianProperties p, WebhookProperties w) {
    return w.settings(p.region());
  }

  /** Its dead letters go to the region's event log too (docs/events.md "Webhook dead letters"). */
  @Bean
  Deliverer webhookDeliverer(WebhookStore store, WebhookSettings settings, EventLog log) {
    return new Deliverer(store, new JdkWebhookSender(settings.timeout()), settings,
        Clock.systemUTC(), log);
  }

  @Bean
  public WebhookRoutes webhookRoutes(WebhookStore store, Deliverer deliverer,
      WebhookSettings settings) {
    return new WebhookRoutes(store, deliverer, settings, Clock.systemUTC());
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService webhookLanes() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "webhook-lane");
      t.setDaemon(true);
      return t;
    });
  }

  @Bean
  WebhookDispatcher webhookDispatcher(EventLog log, WebhookStore store, Deliverer deliverer,
      org.springframework.beans.factory.ObjectProvider<ReplicaSet> replicas,
      ExecutorService webhookLanes) {
    ReplicaSet set = replicas.getIfAvailable();
    ArrivalTimes arrivals = set == null ? ArrivalTimes.NONE
        : ArrivalTimes.from(new ReplicationStatus(set, Clock.systemUTC()));
    return new WebhookDispatcher(log, store, deliverer, arrivals, webhookLanes, Clock.systemUTC());
  }

  /** One poll: enqueue new events' deliveries, start due ones; on Lambda, wait for them. */
  @Bean
  public Supplier<WebhookDispatcher.Report> dispatchWebhooks(WebhookDispatcher dispatcher,
      WebhookProperties w) {
    return () -> {
      WebhookDispatcher.Report report = dispatcher.poll();
      if (w.awaitDeliveries()) {
        try {
          dispatcher.awaitIdle(w.timeout().multipliedBy(2));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return report;
    };
  }
}

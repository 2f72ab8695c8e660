package dev.meridian.app.audit;

import dev.meridian.app.aws.AwsReplicaSet;
import dev.meridian.app.aws.AwsStorageAutoConfiguration;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.dynamodb.DynamoDbAuditStore;
import dev.meridian.core.audit.AuditClassifier;
import dev.meridian.core.audit.AuditLog;
import dev.meridian.core.audit.AuditStore;
import dev.meridian.core.audit.BackgroundAuditWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The region's audit log over every region's table, as accounts are (AwsReplicaSet): this
 * region's chain is written here and copied to each peer's table.
 */
@AutoConfiguration(after = AwsStorageAutoConfiguration.class)
@ConditionalOnBean(AwsReplicaSet.class)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

  @Bean
  AuditLog auditLog(AwsReplicaSet replicas, MeridianProperties p, AuditProperties audit) {
    Map<String, AuditStore> stores = new LinkedHashMap<>();
    replicas.tables().forEach((region, table) -> stores.put(region,
        new DynamoDbAuditStore(table.client(), table.name(), audit.retention())));
    return new AuditLog(p.region(), stores.get(p.region()), stores, audit.settings(),
        Clock.systemUTC());
  }

  /** Pull records off the request path; closing the context appends what is still queued. */
  @Bean(destroyMethod = "close")
  @Conditional(PullsInBackground.class)
  BackgroundAuditWriter backgroundAuditWriter(AuditLog log) {
    return new BackgroundAuditWriter(log);
  }

  @Bean
  AuditClassifier auditClassifier(AuditProperties audit) {
    return new AuditClassifier(audit.pullSampleRate(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** {@link AuditProperties#pullsInBackground}, decided from the environment at start. */
  static final class PullsInBackground implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      AuditProperties audit = Binder.get(env).bind("meridian.audit", AuditProperties.class)
          .orElseGet(() -> new AuditProperties(null, null, null));
      return audit.pullsInBackground(env.getProperty("AWS_LAMBDA_FUNCTION_NAME"));
    }
  }
}

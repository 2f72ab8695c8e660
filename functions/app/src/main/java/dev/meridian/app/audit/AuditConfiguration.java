package dev.meridian.app.audit;

import dev.meridian.app.aws.AwsReplicaSet;
import dev.meridian.app.aws.AwsStorageAutoConfiguration;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.aws.dynamodb.DynamoDbAuditStore;
import dev.meridian.core.audit.AuditClassifier;
import dev.meridian.core.audit.AuditLog;
import dev.meridian.core.audit.AuditStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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

  @Bean
  AuditClassifier auditClassifier(AuditProperties audit) {
    return new AuditClassifier(audit.pullSampleRate(),
        () -> ThreadLocalRandom.current().nextDouble());
  }
}

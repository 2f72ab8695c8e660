package dev.meridian.app;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.ReplicationProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The functions' Spring context: {@link RegistryFunctions}, {@link MeridianProperties} and the
 * storage ports ({@code aws.AwsStorageAutoConfiguration} unless a {@link RegionStorage} bean is
 * given). On Lambda, {@code FunctionInvoker} starts it; locally, {@code MeridianLocal} starts one
 * per region.
 */
@SpringBootApplication
@EnableConfigurationProperties(MeridianProperties.class)
public class MeridianApplication {

  /** The peers and pull-through setting, read from the one {@code meridian.*} binding. */
  @Bean
  ReplicationProperties replicationProperties(MeridianProperties properties) {
    return properties.replication();
  }

  public static void main(String[] args) {
    SpringApplication.run(MeridianApplication.class, args);
  }
}

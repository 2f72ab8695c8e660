package dev.meridian.app.builds;

import dev.meridian.app.aws.AwsStorageAutoConfiguration;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.aws.AwsConnection;
import dev.meridian.aws.codebuild.CodeBuildApi;
import dev.meridian.aws.codebuild.CodeBuildEngine;
import dev.meridian.builder.ContainerEngine;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The CodeBuild engine of the {@code runBuild} function on AWS ({@code MERIDIAN_BUILDS_ENGINE=
 * codebuild}, {@code MERIDIAN_BUILDS_CODEBUILD_PROJECT}; template.yaml sets both): Dockerfiles
 * with RUN and task files' {@code cmd} steps run in the region's CodeBuild project
 * (docs/builder.md "Executors"). {@code MERIDIAN_BUILDS_CODEBUILD_ENDPOINT} points it at an
 * emulator (tests: moto).
 */
@AutoConfiguration(after = AwsStorageAutoConfiguration.class, before = BuildFunctions.class)
@ConditionalOnProperty(name = "meridian.builds.engine", havingValue = "codebuild")
@EnableConfigurationProperties(BuildProperties.class)
public class CodeBuildEngineConfiguration {
  /** How often the runner asks CodeBuild how a job is going. */
  static final Duration POLL = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  UrlConnectionHttpClient codeBuildHttpClient() {
    return (UrlConnectionHttpClient) UrlConnectionHttpClient.create();
  }

  @Bean
  public ContainerEngine codeBuildEngine(MeridianProperties p, BuildProperties builds,
      RegionStorage storage, UrlConnectionHttpClient codeBuildHttpClient,
      @Value("${meridian.builds.codebuild-endpoint:}") String endpoint) {
    if (builds.codebuildProject().isEmpty()) {
      throw new IllegalStateException(
          "MERIDIAN_BUILDS_ENGINE=codebuild needs MERIDIAN_BUILDS_CODEBUILD_PROJECT");
    }
    AwsConnection connection = p.connection(endpoint.isBlank() ? null : URI.create(endpoint));
    URI uri = connection.endpoint() != null ? connection.endpoint()
        : CodeBuildApi.endpointOf(connection.region().id());
    CodeBuildApi api = new CodeBuildApi(codeBuildHttpClient, connection.credentials(),
        connection.region().id(), uri);
    return new CodeBuildEngine(api, storage.objects(), builds.codebuildProject(),
        builds.maxRunTimeout(), POLL);
  }
}

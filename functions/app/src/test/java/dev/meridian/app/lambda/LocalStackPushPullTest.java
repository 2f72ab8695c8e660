package dev.meridian.app.lambda;

import dev.meridian.aws.AwsClients;
import dev.meridian.aws.AwsConnection;
import dev.meridian.aws.dynamodb.DynamoDbTables;
import dev.meridian.aws.s3.S3Buckets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Lambda entries' push/pull scenario ({@link PushPullScenario}, shared with the in-JVM test)
 * against LocalStack's S3 and DynamoDB, started by Testcontainers. Skipped where no Docker engine
 * is reachable (this project's build machines): it compiles and is reported as skipped there.
 * The image is the one {@code localstack/docker-compose.yml} pins; images newer than that need
 * {@code LOCALSTACK_AUTH_TOKEN} in the environment (localstack/README.md).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackPushPullTest {

  static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4.0");

  @Container
  static final LocalStackContainer LOCALSTACK = new LocalStackContainer(IMAGE)
      .withServices(Service.S3, Service.DYNAMODB, Service.SQS)
      .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""));

  static LambdaHarness push;
  static LambdaHarness pull;

  @BeforeAll
  static void start() {
    String name = "meridian-eastus";
    AwsConnection connection = AwsConnection.local(LOCALSTACK.getEndpoint(),
        LOCALSTACK.getRegion(), LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey());
    try (S3Client s3 = AwsClients.s3(connection);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(connection)) {
      S3Buckets.createIfMissing(s3, name);
      DynamoDbTables.createIfMissing(dynamoDb, name);
    }
    Map<String, String> p = new HashMap<>();
    p.put("meridian.region", "eastus");
    p.put("meridian.seed", "aa");
    p.put("meridian.aws-region", LOCALSTACK.getRegion());
    p.put("meridian.s3-endpoint", LOCALSTACK.getEndpoint().toString());
    p.put("meridian.dynamodb-endpoint", LOCALSTACK.getEndpoint().toString());
    p.put("meridian.access-key-id", LOCALSTACK.getAccessKey());
    p.put("meridian.secret-access-key", LOCALSTACK.getSecretKey());
    push = LambdaHarness.start(LambdaFunctions.PUSH_HTTP, p);
    pull = LambdaHarness.start(LambdaFunctions.PULL_HTTP, p);
  }

  @Test
  void pushAndPull_threeLayerImage_onLocalStack_byteExact() throws Exception {
    new PushPullScenario(push, pull, "localstack/app").threeLayerImage();
  }

}

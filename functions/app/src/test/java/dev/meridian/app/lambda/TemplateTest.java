package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.MeridianApplication;
import dev.meridian.app.audit.AuditProperties;
import dev.meridian.app.auth.AuthProperties;
import dev.meridian.app.aws.SecretsProperties;
import dev.meridian.app.builds.BuildProperties;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.events.EventBusProperties;
import dev.meridian.app.lifecycle.GcProperties;
import dev.meridian.app.webhooks.WebhookProperties;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * template.yaml against the code: the function beans of the app's real context (AWS storage
 * configuration on endpoints that are never contacted) and the {@code MERIDIAN_*} variables of
 * its {@code @ConfigurationProperties} records. The mutation cases prove each rule can fail.
 */
class TemplateTest {

  static final Path TEMPLATE = Path.of("../../template.yaml");
  static ConfigurableApplicationContext context;
  static Map<String, Type> beans;
  static Set<String> variables;
  static String text;

  @BeforeAll
  static void load() throws IOException {
    context = new SpringApplicationBuilder(MeridianApplication.class)
        .web(WebApplicationType.NONE)
        .properties("meridian.region=eastus", "meridian.seed=aa",
            "meridian.s3-endpoint=http://127.0.0.1:9", "meridian.dynamodb-endpoint=http://127.0.0.1:9",
            "meridian.access-key-id=unused", "meridian.secret-access-key=unused",
            "meridian.peers=westeurope:ab:meridian-westeurope:meridian-westeurope",
            "spring.main.banner-mode=off")
        .run();
    FunctionCatalog catalog = context.getBean(FunctionCatalog.class);
    beans = new TreeMap<>();
    for (String name : catalog.getNames(null)) {
      FunctionInvocationWrapper f = catalog.lookup(name);
      if (f != null) {
        beans.put(name, f.getInputType());
      }
    }
    variables = TemplateRules.environmentVariables(MeridianProperties.class,
        WebhookProperties.class, BuildProperties.class,
        AuthProperties.class, SecretsProperties.class, EventBusProperties.class,
        AuditProperties.class, GcProperties.class);
    text = Files.readString(TEMPLATE);
  }

  @AfterAll
  static void close() {
    context.close();
  }

  @Test
  void template_keepsEveryRule() {
    assertThat(TemplateRules.check(CloudFormationYaml.parse(text), beans, variables)).isEmpty();
  }

  @Test
  void appContext_offersEveryLambdaEntry_andTheVariablesTheDocsList() throws IOException {
    assertThat(beans).containsKeys(LambdaFunctions.PULL_HTTP, LambdaFunctions.PUSH_HTTP,
        LambdaFunctions.REPLICATE_S3, LambdaFunctions.RECONCILE_SCHEDULE,
        LambdaFunctions.DISPATCH_WEBHOOKS_QUEUE, LambdaFunctions.RUN_BUILD_QUEUE,
        LambdaFunctions.TRIGGER_BUILDS_SCHEDULE);
    String docs = Files.readString(Path.of("../../docs/local-runtime.md"))
        + Files.readString(Path.of("../../docs/webhooks.md"))
        + Files.readString(Path.of("../../docs/builds.md"))
        + Files.readString(Path.of("../../docs/security.md"))
        + Files.readString(Path.of("../../docs/aws.md"));
    assertThat(variables).contains("MERIDIAN_REGION", "MERIDIAN_PEERS",
        "MERIDIAN_WEBHOOKS_AWAIT_DELIVERIES", "MERIDIAN_BUILDS_CAPACITY",
        "MERIDIAN_BUILDS_MAX_RUN_TIMEOUT", "MERIDIAN_BUILDS_LEASE_MARGIN");
    assertThat(variables).allSatisfy(v -> assertThat(docs).contains(
        v.startsWith("MERIDIAN_WEBHOOKS_RETRY_") ? "MERIDIAN_WEBHOOKS_RETRY_BASE" : v));
  }

  @Test
  void everyFunction_startsTheApplicationClass() {
    assertThat(text).contains("MAIN_CLASS: " + MeridianApplication.class.getName());
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(delimiter = '|', value = {
      "        MERIDIAN_AUTH_BOOTSTRAP: \"false\"|        MERIDIAN_AUTH_BOOTSTRAP: \"false\"\\n"
          + "        MERIDIAN_UPLOAD_SIGNING_KEY: !Ref Key|as an environment literal|"
          + "a secret as an environment literal",
      "        MERIDIAN_SECRETS_SIGNING_KEYS: !If|        MERIDIAN_SECRETS_SIGNING_KEY: !If|"
          + "does not set MERIDIAN_SECRETS_SIGNING_KEYS|the signing key secret left out",
      "spring_cloud_function_definition: pullHttp|spring_cloud_function_definition: pullHtp|"
          + "names no function bean|a definition naming no bean",
      "spring_cloud_function_definition: replicateS3|spring_cloud_function_definition: pushHttp|"
          + "a S3 event delivers|a bean whose input is not the trigger's event",
      "        MERIDIAN_SEED: !Ref RegionSeed\\n|\\n|does not set MERIDIAN_SEED|a required variable left out",
      "        MERIDIAN_TAG_CACHE: \"false\"|        MERIDIAN_TAG_CACH: \"false\"|"
          + "which the code does not read|a misspelt variable",
      "        MERIDIAN_BLOB_DELIVERY: REDIRECT|        MERIDIAN_BLOB_DELIVERY: REDIRECT\\n"
          + "        MERIDIAN_S3_ENDPOINT: http://localhost:4566|only local endpoints use|"
          + "a local-only variable",
      "Bucket: !Ref Bucket|Bucket: !Ref OtherBucket|not a bucket of this template|"
          + "an S3 event on a bucket outside the template",
      "FunctionResponseTypes: [ReportBatchItemFailures]|FunctionResponseTypes: []|"
          + "without ReportBatchItemFailures|a queue consumer without batch failure reporting",
      "            BatchSize: 1\\n            FunctionResponseTypes: [ReportBatchItemFailures]|"
          + "            BatchSize: 1\\n            FunctionResponseTypes: []|"
          + "without ReportBatchItemFailures|the build runner without batch failure reporting",
      "        deadLetterTargetArn: !GetAtt BuildDeadLetterQueue.Arn\\n|\\n|has no dead-letter queue|"
          + "the build queue without a DLQ",
      "        MERIDIAN_BUILDS_MAX_RUN_TIMEOUT: 14m\\n|\\n|does not set MERIDIAN_BUILDS_MAX_RUN_TIMEOUT|"
          + "the run timeout cap left out",
      "spring_cloud_function_definition: runBuildQueue|spring_cloud_function_definition: triggerBuildsSchedule|"
          + "a SQS event delivers|the runner wired to the schedule's bean",
      "        deadLetterTargetArn: !GetAtt WebhookDeadLetterQueue.Arn\\n|\\n|has no dead-letter queue|"
          + "a queue consumer without a DLQ",
      "Action: [s3:GetObject, s3:ListBucket]|Action: [s3:*]|grants s3:*|a wildcard action",
      "            AbortIncompleteMultipartUpload:\\n              DaysAfterInitiation: 2\\n|\\n|"
          + "no enabled lifecycle rule on _uploads/|abandoned multipart uploads never aborted",
      "        AttributeName: ttl\\n        Enabled: true|        AttributeName: ttl\\n        Enabled: false|"
          + "TimeToLiveSpecification is not enabled|upload sessions never expired by the table",
      "    AutoPublishAlias: live\\n|\\n|SnapStart without AutoPublishAlias|SnapStart without an alias",
      "      RetentionInDays: !Ref LogRetentionDays\\n|\\n|with RetentionInDays|a log group without retention",
      "  PullFunction:\\n    Type: AWS::Serverless::Function\\n    DependsOn: Table|"
          + "  PullFunction:\\n    Type: AWS::Serverless::Function\\n    DependsOn: Bucket|"
          + "SnapStart without DependsOn the table|a function whose snapshot may precede the table",
      "- !Sub \"arn:${AWS::Partition}:s3:::${RegistryName}-${RegionName}\"|"
          + "- !Sub \"arn:aws:s3:::${RegistryName}-${RegionName}\"|"
          + "hard-codes the aws partition|a literal arn:aws: partition",
      "Sid: PeerRead\\n                Effect: Allow\\n                Action: [s3:GetObject, s3:ListBucket]|"
          + "Sid: PeerRead\\n                Effect: Allow\\n                Action: [s3:GetObject, s3:PutObject]|"
          + "may write peer buckets|a peer-bucket write outside the replicator"})
  void check_whenTemplateBreaksARule_reportsIt(String from, String to, String expected,
      String description) {
    String from2 = from.replace("\\n", "\n");
    assertThat(text).as("mutation anchor for %s", description).contains(from2);

    String mutated = text.replaceFirst(java.util.regex.Pattern.quote(from2),
        java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));

    assertThat(TemplateRules.check(CloudFormationYaml.parse(mutated), beans, variables))
        .anyMatch(v -> v.contains(expected));
  }
}

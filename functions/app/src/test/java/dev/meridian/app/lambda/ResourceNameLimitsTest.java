package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every name the stack gives a resource fits AWS's limit for the longest registry and region
 * names template.yaml's AllowedPatterns accept (registry 21 characters, region 40): S3 bucket 63
 * (S3 User Guide, "Bucket naming rules"), SQS queue 80, DynamoDB table 255, Secrets Manager secret
 * 512, EventBridge Pipe 64. Names are taken from the transformed template, resolved.
 */
class ResourceNameLimitsTest {

  static final Map<String, String[]> LIMITS = Map.of(
      "AWS::S3::Bucket", new String[] {"BucketName", "63"},
      "AWS::SQS::Queue", new String[] {"QueueName", "80"},
      "AWS::DynamoDB::Table", new String[] {"TableName", "255"},
      "AWS::SecretsManager::Secret", new String[] {"Name", "512"},
      "AWS::Pipes::Pipe", new String[] {"Name", "64"});

  @Test
  void longestAllowedNames_fitEveryAwsNameLimit() {
    Map<String, Object> template = SamTransform.templateYaml().template();
    String registry = "r" + "x".repeat(20);
    String region = "r" + "x".repeat(39);
    assertThat(registry).matches(allowedPattern(template, "RegistryName"));
    assertThat(region).matches(allowedPattern(template, "RegionName"));
    CfnResolver resolver = new CfnResolver(template, Map.of("RegistryName", registry,
        "RegionName", region, "RegionSeed", "aa"), "ap-southeast-2");

    List<String> tooLong = new ArrayList<>();
    resolver.resources().forEach((name, r) -> {
      Map<String, Object> resource = CfnResolver.map(r);
      String[] limit = LIMITS.get(String.valueOf(resource.get("Type")));
      Object property = limit == null ? null
          : CfnResolver.map(resource.get("Properties")).get(limit[0]);
      if (property != null) {
        String value = String.valueOf(resolver.resolve(property));
        if (value.length() > Integer.parseInt(limit[1])) {
          tooLong.add(name + "." + limit[0] + " " + value + " has " + value.length()
              + " characters; the limit is " + limit[1]);
        }
      }
    });

    assertThat(tooLong).isEmpty();
  }

  private static String allowedPattern(Map<String, Object> template, String parameter) {
    return String.valueOf(CfnResolver.map(CfnResolver.map(template.get("Parameters"))
        .get(parameter)).get("AllowedPattern"));
  }
}

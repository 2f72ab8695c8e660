package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.lambda.iam.IamPolicy;
import dev.meridian.app.lambda.iam.IamRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CodeBuild engine's permissions in template.yaml (SAM-transformed, evaluated with the IAM
 * harness's policy evaluator): {@code runBuild} may start, read and stop builds of the region's
 * engine project and of no other; the project's role may read and write the bucket's
 * {@code _builds/engine/*} only — no image, blob, context, log or table of the registry. The
 * runner's calls are CodeBuild's JSON API ({@code CodeBuildApi}), so these are the actions a
 * recorded SDK call would need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildEngineIamTest {
  private static final String BUCKET = "arn:aws:s3:::meridian-eastus";
  private CfnResolver resolver;
  private FunctionRoles roles;

  @BeforeAll
  void transform() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("RegistryName", IamCheck.REGISTRY);
    parameters.put("RegionName", "eastus");
    parameters.put("RegionSeed", "aa");
    parameters.put("Peers", "");
    parameters.put("PeerBucketArns", List.of(""));
    parameters.put("PeerTableArns", List.of(""));
    resolver = new CfnResolver(SamTransform.templateYaml().template(), parameters, "us-east-1");
    roles = new FunctionRoles(resolver);
  }

  @Test
  void runBuildRole_whenCallingCodeBuild_mayUseOnlyTheRegionsEngineProject() {
    IamPolicy runner = roles.policyOf(roles.functionOf("runBuildQueue"));
    String project = String.valueOf(resolver.resolve(
        Map.of("Fn::GetAtt", List.of("BuildEngineProject", "Arn"))));
    assertThat(project).startsWith("arn:aws:codebuild:us-east-1:");
    for (String action : List.of("codebuild:StartBuild", "codebuild:BatchGetBuilds",
        "codebuild:StopBuild")) {
      assertThat(runner.evaluate(new IamRequest(action, project))).as(action)
          .isEqualTo(IamPolicy.Decision.ALLOW);
      assertThat(runner.evaluate(new IamRequest(action,
          "arn:aws:codebuild:us-east-1:123456789012:project/other"))).as(action + " elsewhere")
          .isNotEqualTo(IamPolicy.Decision.ALLOW);
    }
    assertThat(runner.evaluate(new IamRequest("codebuild:CreateProject", project)))
        .isNotEqualTo(IamPolicy.Decision.ALLOW);
  }

  @Test
  void engineRole_whenRunningAJob_readsAndWritesEngineJobsOnly() {
    IamPolicy engine = roles.policyOfRole("BuildEngineRole");
    assertThat(engine.evaluate(new IamRequest("s3:GetObject",
        BUCKET + "/_builds/engine/meridian-aa1-0a1b2c3d/in/args")))
        .isEqualTo(IamPolicy.Decision.ALLOW);
    assertThat(engine.evaluate(new IamRequest("s3:PutObject",
        BUCKET + "/_builds/engine/meridian-aa1-0a1b2c3d/out/image.tar")))
        .isEqualTo(IamPolicy.Decision.ALLOW);
    assertThat(engine.evaluate(new IamRequest("s3:ListBucket", BUCKET,
        Map.of("s3:prefix", "_builds/engine/meridian-aa1-0a1b2c3d/in/"))))
        .isEqualTo(IamPolicy.Decision.ALLOW);
    for (String key : List.of("blobs/sha256/ab", "repositories/app/_tags/latest",
        "_builds/contexts/sha256/ab", "_builds/logs/aa1", "_auth/accounts")) {
      assertThat(engine.evaluate(new IamRequest("s3:GetObject", BUCKET + "/" + key))).as(key)
          .isNotEqualTo(IamPolicy.Decision.ALLOW);
      assertThat(engine.evaluate(new IamRequest("s3:PutObject", BUCKET + "/" + key))).as(key)
          .isNotEqualTo(IamPolicy.Decision.ALLOW);
    }
    assertThat(engine.evaluate(new IamRequest("s3:ListBucket", BUCKET, Map.of("s3:prefix", ""))))
        .isNotEqualTo(IamPolicy.Decision.ALLOW);
    assertThat(engine.evaluate(new IamRequest("dynamodb:GetItem",
        "arn:aws:dynamodb:us-east-1:123456789012:table/meridian-eastus")))
        .isNotEqualTo(IamPolicy.Decision.ALLOW);
  }
}

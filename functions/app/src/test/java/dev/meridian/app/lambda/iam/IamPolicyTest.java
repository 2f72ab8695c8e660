package dev.meridian.app.lambda.iam;

import static dev.meridian.app.lambda.iam.IamPolicy.Decision.ALLOW;
import static dev.meridian.app.lambda.iam.IamPolicy.Decision.EXPLICIT_DENY;
import static dev.meridian.app.lambda.iam.IamPolicy.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamPolicyTest {

  static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/meridian-eastus";
  static final String OBJECT = "arn:aws:s3:::meridian-eastus/blobs/sha256/ab";

  static IamPolicy policy(Map<String, ?>... statements) {
    return new IamPolicy(List.of(statements).stream().map(IamStatement::parse).toList());
  }

  @Test
  void evaluate_whenAStatementAllowsActionAndResource_allows() {
    IamPolicy p = policy(Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetItem",
        "dynamodb:Query"), "Resource", TABLE));

    assertThat(p.evaluate(new IamRequest("dynamodb:Query", TABLE))).isEqualTo(ALLOW);
  }

  @Test
  void evaluate_whenNoStatementNamesTheAction_deniesImplicitly() {
    IamPolicy p = policy(Map.of("Effect", "Allow", "Action", "dynamodb:PutItem", "Resource", TABLE));

    assertThat(p.evaluate(new IamRequest("dynamodb:BatchWriteItem", TABLE))).isEqualTo(IMPLICIT_DENY);
    assertThat(p.evaluate(new IamRequest("dynamodb:PutItem", TABLE + "-other"))).isEqualTo(IMPLICIT_DENY);
  }

  @Test
  void evaluate_whenAllowAndDenyMatch_explicitDenyWins() {
    IamPolicy p = policy(
        Map.of("Effect", "Allow", "Action", "s3:*", "Resource", "*"),
        Map.of("Effect", "Deny", "Action", "s3:DeleteObject", "Resource", OBJECT));

    assertThat(p.evaluate(new IamRequest("s3:DeleteObject", OBJECT))).isEqualTo(EXPLICIT_DENY);
    assertThat(p.evaluate(new IamRequest("s3:GetObject", OBJECT))).isEqualTo(ALLOW);
  }

  @Test
  void evaluate_actionWildcards_matchCaseInsensitively() {
    IamPolicy p = policy(Map.of("Effect", "Allow", "Action", List.of("dynamodb:Get*", "s3:?utObject"),
        "Resource", "*"));

    assertThat(p.evaluate(new IamRequest("dynamodb:getitem", TABLE))).isEqualTo(ALLOW);
    assertThat(p.evaluate(new IamRequest("s3:PutObject", OBJECT))).isEqualTo(ALLOW);
    assertThat(p.evaluate(new IamRequest("dynamodb:PutItem", TABLE))).isEqualTo(IMPLICIT_DENY);
  }

  @Test
  void evaluate_resourceWildcards_matchCaseSensitively_andTheBucketIsNotItsObjects() {
    IamPolicy p = policy(Map.of("Effect", "Allow", "Action", "s3:GetObject",
        "Resource", "arn:aws:s3:::meridian-eastus/*"));

    assertThat(p.evaluate(new IamRequest("s3:GetObject", OBJECT))).isEqualTo(ALLOW);
    assertThat(p.evaluate(new IamRequest("s3:GetObject", "arn:aws:s3:::meridian-eastus")))
        .isEqualTo(IMPLICIT_DENY);
    assertThat(p.evaluate(new IamRequest("s3:GetObject", "arn:aws:s3:::Meridian-eastus/x")))
        .isEqualTo(IMPLICIT_DENY);
    assertThat(p.evaluate(new IamRequest("s3:GetObject", "arn:aws:s3:::meridian-eastus2/x")))
        .isEqualTo(IMPLICIT_DENY);
  }

  @Test
  void evaluate_notActionAndNotResource_matchWhatTheyDoNotList() {
    IamPolicy p = policy(
        Map.of("Effect", "Allow", "NotAction", "s3:DeleteObject", "Resource", "*"),
        Map.of("Effect", "Deny", "Action", "*", "NotResource", "arn:aws:s3:::meridian-eastus/*"));

    assertThat(p.evaluate(new IamRequest("s3:PutObject", OBJECT))).isEqualTo(ALLOW);
    assertThat(p.evaluate(new IamRequest("s3:DeleteObject", OBJECT))).isEqualTo(IMPLICIT_DENY);
    assertThat(p.evaluate(new IamRequest("s3:PutObject", "arn:aws:s3:::other/x")))
        .isEqualTo(EXPLICIT_DENY);
  }

  @Test
  void evaluate_conditions_needTheirKeyToMatch() {
    IamPolicy p = policy(Map.of("Effect", "Allow", "Action", "sqs:SendMessage", "Resource", "*",
        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", "arn:aws:events:r:1:rule/a")))); 

    assertThat(p.evaluate(new IamRequest("sqs:SendMessage", "q",
        Map.of("aws:SourceArn", "arn:aws:events:r:1:rule/a")))).isEqualTo(ALLOW);
    assertThat(p.evaluate(new IamRequest("sqs:SendMessage", "q",
        Map.of("aws:SourceArn", "arn:aws:events:r:1:rule/b")))).isEqualTo(IMPLICIT_DENY);
    assertThat(p.evaluate(new IamRequest("sqs:SendMessage", "q"))).isEqualTo(IMPLICIT_DENY);
  }

  @Test
  void evaluate_whenAConditionOperatorIsNotModelled_failsLoudly() {
    IamPolicy p = policy(Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", "*",
        "Condition", Map.of("IpAddress", Map.of("aws:SourceIp", "10.0.0.0/8"))));

    assertThatThrownBy(() -> p.evaluate(new IamRequest("s3:GetObject", OBJECT)))
        .hasMessageContaining("IpAddress");
  }

  @Test
  void evaluate_forAllValues_matchesEachValue_andAnAbsentKey() {
    IamPolicy p = policy(Map.of("Effect", "Allow", "Action", "dynamodb:PutItem", "Resource", TABLE,
        "Condition", Map.of("ForAllValues:StringEquals",
            Map.of("dynamodb:LeadingKeys", List.of("account", "auth")))));

    assertThat(p.evaluate(new IamRequest("dynamodb:PutItem", TABLE,
        Map.of("dynamodb:LeadingKeys", "account")))).isEqualTo(ALLOW);
    assertThat(p.evaluate(new IamRequest("dynamodb:PutItem", TABLE,
        Map.of("dynamodb:LeadingKeys", "repo#x")))).isEqualTo(IMPLICIT_DENY);
    assertThat(p.evaluate(new IamRequest("dynamodb:PutItem", TABLE)))
        .as("ForAllValues over no values is true, as in IAM").isEqualTo(ALLOW);
  }
}

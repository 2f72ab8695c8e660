package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template.yaml as CloudFormation gets it: transformed by aws-sam-translator, linted with
 * cfn-lint and Meridian's rules ({@link SamTransform}); any finding, warning or informational
 * included, fails. The mutation cases re-introduce faults that stock cfn-lint lets through (issue
 * 17 faults 1 and 6) and prove Meridian's rules catch them.
 */
class CloudFormationBuildTest {

  @Test
  void templateYaml_transformsAndLintsWithoutAFinding() {
    SamTransform.Result result = SamTransform.templateYaml();

    assertThat(result.findings()).isEmpty();
    assertThat(result.template()).containsKey("Resources")
        .extractingByKey("Resources").asString().contains("AWS::Lambda::Function");
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "'      Policies:\\n        - PolicyName: stream-to-queue'|"
          + "'      Policies:\\n        - !Ref SecretsReadPolicy\\n        - PolicyName: stream-to-queue'|"
          + "fault 1: a managed policy in a pipe role's inline Policies|E9101",
      "      Queues: [!Ref ScheduleFailureQueue]|      Queues: [!Ref WebhookQueue]|"
          + "fault 6: the schedule dead-letter queue without a policy for EventBridge|E9102"})
  void lint_whenAFaultIsReintroduced_reportsIt(String from, String to, String fault, String rule)
      throws Exception {
    String text = Files.readString(SamTransform.TEMPLATE);

    SamTransform.Result result = SamTransform.run("mutant-" + rule,
        mutate(text, from.replace("\\n", "\n"), to.replace("\\n", "\n")));

    assertThat(result.findings()).as(fault).anyMatch(f -> f.contains(rule));
  }

  static String mutate(String text, String from, String to) {
    assertThat(text).as("mutation anchor").contains(from);
    return text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
  }
}

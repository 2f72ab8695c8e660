package dev.meridian.app.lambda;

import dev.meridian.app.lambda.iam.IamPolicy;
import dev.meridian.app.lambda.iam.IamStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Lambda function's permissions in a transformed (CloudFormation) template, for one stack's
 * parameters: its execution role's inline {@code Policies}, the template's managed policies it
 * lists in {@code ManagedPolicyArns}, and {@code AWS::IAM::Policy} resources attached to it.
 * AWS managed policies (SAM adds {@code AWSLambdaBasicExecutionRole} and the event sources'
 * polling policies) grant nothing Meridian's code calls, so they are left out.
 */
final class FunctionRoles {

  private final CfnResolver resolver;

  FunctionRoles(CfnResolver resolver) {
    this.resolver = resolver;
  }

  /** The logical id of the function whose bean is {@code definition}. */
  String functionOf(String definition) {
    for (var e : resolver.resources().entrySet()) {
      Map<String, Object> r = CfnResolver.map(e.getValue());
      Map<String, Object> env = CfnResolver.map(CfnResolver.map(CfnResolver.map(
          r.get("Properties")).get("Environment")).get("Variables"));
      if ("AWS::Lambda::Function".equals(r.get("Type"))
          && definition.equals(env.get(TemplateRules.DEFINITION))) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("no function runs bean " + definition);
  }

  IamPolicy policyOf(String function) {
    Map<String, Object> properties = CfnResolver.map(CfnResolver.map(
        resolver.resources().get(function)).get("Properties"));
    Object role = properties.get("Role");
    if (!(role instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att)) {
      throw new IllegalArgumentException(function + ": Role is not a role of the template: " + role);
    }
    return policyOfRole(String.valueOf(att.get(0)));
  }

  /** The policy of role {@code roleName} of the template (inline, managed, attached). */
  IamPolicy policyOfRole(String roleName) {
    Map<String, Object> roleProperties = CfnResolver.map(resolver.resolve(CfnResolver.map(
        resolver.resources().get(roleName)).get("Properties")));
    List<IamStatement> statements = new ArrayList<>();
    for (Object policy : list(roleProperties.get("Policies"))) {
      statements.addAll(statements(CfnResolver.map(policy).get("PolicyDocument")));
    }
    List<?> arns = list(roleProperties.get("ManagedPolicyArns"));
    resolver.resources().forEach((name, r) -> {
      Map<String, Object> resource = CfnResolver.map(r);
      if ("AWS::IAM::ManagedPolicy".equals(resource.get("Type"))
          && arns.contains(resolver.resolve(Map.of("Ref", name)))) {
        statements.addAll(statements(CfnResolver.map(resolver.resolve(resource.get("Properties")))
            .get("PolicyDocument")));
      }
      if ("AWS::IAM::Policy".equals(resource.get("Type"))) {
        Map<String, Object> p = CfnResolver.map(resource.get("Properties"));
        if (list(p.get("Roles")).contains(Map.of("Ref", roleName))) {
          statements.addAll(statements(CfnResolver.map(resolver.resolve(p)).get("PolicyDocument")));
        }
      }
    });
    return new IamPolicy(statements);
  }

  private static List<IamStatement> statements(Object document) {
    return list(CfnResolver.map(document).get("Statement")).stream()
        .map(s -> IamStatement.parse(CfnResolver.map(s))).toList();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
  }
}

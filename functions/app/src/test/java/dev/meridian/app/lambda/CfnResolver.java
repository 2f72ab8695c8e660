package dev.meridian.app.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a CloudFormation template's intrinsic functions as CloudFormation would for one stack:
 * {@code Ref} (parameters, pseudo parameters, resources), {@code Fn::GetAtt}, {@code Fn::Sub}
 * (both forms, {@code ${!literal}}), {@code Fn::Join}, {@code Fn::Split}, {@code Fn::Select},
 * {@code Fn::If} with the template's {@code Conditions}, and {@code AWS::NoValue} removal.
 * Resources' physical names follow AWS's ARN formats for the types Meridian's policies name; a
 * type it does not know resolves to a marker that matches no real ARN.
 */
final class CfnResolver {

  static final String ACCOUNT = "123456789012";
  static final String PARTITION = "aws";
  private static final Object NO_VALUE = new Object();
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

  private final Map<String, Object> resources;
  private final Map<String, Object> conditions;
  private final Map<String, Object> parameters;
  private final String region;

  /** {@code parameters}: a String, or a List for a {@code CommaDelimitedList}. */
  CfnResolver(Map<String, Object> template, Map<String, Object> parameters, String region) {
    this.resources = map(template.get("Resources"));
    this.conditions = map(template.get("Conditions"));
    this.parameters = new LinkedHashMap<>(parameters);
    map(template.get("Parameters")).forEach((name, p) -> {
      Map<String, Object> declared = map(p);
      if (!this.parameters.containsKey(name) && declared.containsKey("Default")) {
        String d = String.valueOf(declared.get("Default"));
        this.parameters.put(name, "CommaDelimitedList".equals(declared.get("Type"))
            ? List.of(d.split(",", -1)) : d);
      }
    });
    this.region = region;
  }

  Map<String, Object> resources() {
    return resources;
  }

  /** {@code node} with every intrinsic resolved and every {@code AWS::NoValue} removed. */
  Object resolve(Object node) {
    Object out = value(node);
    return out == NO_VALUE ? null : out;
  }

  boolean condition(String name) {
    Object c = conditions.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no condition " + name);
    }
    return truth(c);
  }

  private Object value(Object node) {
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object v = value(item);
        if (v != NO_VALUE) {
          out.add(v);
        }
      }
      return out;
    }
    if (!(node instanceof Map<?, ?> m)) {
      return node;
    }
    if (m.size() == 1) {
      String key = String.valueOf(m.keySet().iterator().next());
      Object arg = m.values().iterator().next();
      if (key.equals("Ref") || key.startsWith("Fn::")) {
        return function(key, arg);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      Object resolved = value(v);
      if (resolved != NO_VALUE) {
        out.put(String.valueOf(k), resolved);
      }
    });
    return out;
  }

  private Object function(String name, Object arg) {
    return switch (name) {
      case "Ref" -> ref(String.valueOf(arg));
      case "Fn::GetAtt" -> {
        List<?> a = arg instanceof List<?> l ? l : List.of(String.valueOf(arg).split("\\.", 2));
        yield getAtt(String.valueOf(a.get(0)), String.valueOf(value(a.get(1))));
      }
      case "Fn::Sub" -> arg instanceof List<?> l ? sub(String.valueOf(l.get(0)), map(l.get(1)))
          : sub(String.valueOf(arg), Map.of());
      case "Fn::Join" -> {
        List<?> a = (List<?>) arg;
        List<String> parts = new ArrayList<>();
        for (Object part : flat(value(a.get(1)))) {
          parts.add(String.valueOf(part));
        }
        yield String.join(String.valueOf(a.get(0)), parts);
      }
      case "Fn::Split" -> {
        List<?> a = (List<?>) arg;
        yield List.of(String.valueOf(value(a.get(1))).split(Pattern.quote(String.valueOf(a.get(0))), -1));
      }
      case "Fn::Select" -> {
        List<?> a = (List<?>) arg;
        yield flat(value(a.get(1))).get(Integer.parseInt(String.valueOf(value(a.get(0)))));
      }
      case "Fn::If" -> {
        List<?> a = (List<?>) arg;
        yield value(condition(String.valueOf(a.get(0))) ? a.get(1) : a.get(2));
      }
      default -> throw new IllegalArgumentException("intrinsic not modelled: " + name);
    };
  }

  private boolean truth(Object c) {
    Map<String, Object> m = map(c);
    String op = m.keySet().iterator().next();
    Object arg = m.get(op);
    return switch (op) {
      case "Fn::Equals" -> {
        List<?> a = (List<?>) arg;
        yield String.valueOf(value(a.get(0))).equals(String.valueOf(value(a.get(1))));
      }
      case "Fn::Not" -> !truth(((List<?>) arg).get(0));
      case "Fn::And" -> ((List<?>) arg).stream().allMatch(this::truth);
      case "Fn::Or" -> ((List<?>) arg).stream().anyMatch(this::truth);
      case "Condition" -> condition(String.valueOf(arg));
      default -> throw new IllegalArgumentException("condition function not modelled: " + op);
    };
  }

  private String sub(String text, Map<String, Object> variables) {
    Matcher m = SUB.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = m.group(1);
      String replacement;
      if (v.startsWith("!")) {
        replacement = "${" + v.substring(1) + "}";
      } else if (variables.containsKey(v)) {
        replacement = String.valueOf(value(variables.get(v)));
      } else if (v.contains(".") && !v.startsWith("AWS::")) {
        String[] parts = v.split("\\.", 2);
        replacement = getAtt(parts[0], parts[1]);
      } else {
        Object r = ref(v);
        replacement = r instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
            : String.valueOf(r);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Object ref(String name) {
    switch (name) {
      case "AWS::NoValue": return NO_VALUE;
      case "AWS::Region": return region;
      case "AWS::AccountId": return ACCOUNT;
      case "AWS::Partition": return PARTITION;
      case "AWS::URLSuffix": return "amazonaws.com";
      case "AWS::StackName": return "stack";
      default: break;
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    Map<String, Object> resource = map(resources.get(name));
    if (resource.isEmpty()) {
      throw new IllegalArgumentException("Ref to nothing: " + name);
    }
    Map<String, Object> p = map(resource.get("Properties"));
    return switch (String.valueOf(resource.get("Type"))) {
      case "AWS::SecretsManager::Secret" -> arn("secretsmanager", "secret:" + value(p.get("Name")) + "-AbCdEf");
      case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + value(p.get("QueueName"));
      case "AWS::IAM::ManagedPolicy" -> "arn:" + PARTITION + ":iam::" + ACCOUNT + ":policy/" + name;
      default -> name;
    };
  }

  private String getAtt(String name, String attribute) {
    Map<String, Object> resource = map(resources.get(name));
    Map<String, Object> p = map(resource.get("Properties"));
    String type = String.valueOf(resource.get("Type"));
    return switch (type + "." + attribute) {
      case "AWS::SQS::Queue.Arn" -> arn("sqs", String.valueOf(value(p.get("QueueName"))));
      case "AWS::DynamoDB::Table.Arn" -> arn("dynamodb", "table/" + value(p.get("TableName")));
      case "AWS::DynamoDB::Table.StreamArn" -> arn("dynamodb", "table/" + value(p.get("TableName"))
          + "/stream/2026-01-01T00:00:00.000");
      case "AWS::IAM::Role.Arn" -> "arn:" + PARTITION + ":iam::" + ACCOUNT + ":role/" + name;
      case "AWS::Events::Rule.Arn" -> arn("events", "rule/" + name);
      case "AWS::CodeBuild::Project.Arn" -> arn("codebuild", "project/" + name);
      case "AWS::Logs::LogGroup.Arn" -> arn("logs", "log-group:" + name + ":*");
      default -> "unresolved:" + name + "." + attribute;
    };
  }

  private String arn(String service, String resource) {
    return "arn:" + PARTITION + ":" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
  }

  private static List<?> flat(Object value) {
    return value instanceof List<?> l ? l : List.of(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}

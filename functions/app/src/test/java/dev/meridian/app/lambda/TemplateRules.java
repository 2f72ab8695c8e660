package dev.meridian.app.lambda;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rules template.yaml must keep, as a list of violations (empty: fine). Inputs are the parsed
 * template ({@link CloudFormationYaml}), the app's functions (bean name → input type, from its
 * {@code FunctionCatalog}) and the {@code @ConfigurationProperties} records the code binds.
 */
final class TemplateRules {

  /** Read by the code but meaningless on AWS: the template must not set them. */
  static final Set<String> LOCAL_ONLY = Set.of("MERIDIAN_S3_ENDPOINT",
      "MERIDIAN_DYNAMODB_ENDPOINT", "MERIDIAN_ACCESS_KEY_ID", "MERIDIAN_SECRET_ACCESS_KEY",
      "MERIDIAN_WEBHOOKS_ALLOW_LOOPBACK", "MERIDIAN_SECRETS_ENDPOINT",
      "MERIDIAN_AUTH_SIGNING_KEYS_FILE", "MERIDIAN_EVENTS_ENDPOINT");
  /** Secret values: on AWS they come from Secrets Manager, never an environment literal. */
  static final Set<String> SECRET_VALUES = Set.of("MERIDIAN_UPLOAD_SIGNING_KEY",
      "MERIDIAN_BOOTSTRAP_PASSWORD");
  /** Read by the code with defaults that are right on AWS: the template may leave them out. */
  static final Set<String> DEFAULT_ON_AWS = Set.of("MERIDIAN_AWS_REGION",
      "MERIDIAN_WEBHOOKS_TIMEOUT", "MERIDIAN_WEBHOOKS_RETRY_BASE", "MERIDIAN_WEBHOOKS_RETRY_CAP",
      "MERIDIAN_WEBHOOKS_HORIZON", "MERIDIAN_BUILDS_LEASE_MARGIN", "MERIDIAN_AUTH_ENABLED",
      "MERIDIAN_AUTH_SERVICE", "MERIDIAN_AUTH_TOKEN_LIFETIME", "MERIDIAN_AUTH_BCRYPT_COST",
      "MERIDIAN_AUTH_CACHE_TTL", "MERIDIAN_AUTH_RATE_LIMIT", "MERIDIAN_AUTH_RATE_BURST",
      "MERIDIAN_AUTH_FAILED_SIGN_INS_PER_MINUTE", "MERIDIAN_UPLOAD_TTL",
      "MERIDIAN_GC_RUNS_KEPT", // docs/lifecycle.md: 100 reports kept
      // build budgets (docs/builds.md "Budgets"): their defaults hold on AWS too
      "MERIDIAN_BUILDS_MAX_ENTRIES", "MERIDIAN_BUILDS_MAX_UNPACKED_BYTES",
      "MERIDIAN_BUILDS_MAX_FILE_BYTES", "MERIDIAN_BUILDS_MAX_PATH_DEPTH",
      "MERIDIAN_BUILDS_MAX_PATH_LENGTH", "MERIDIAN_BUILDS_MAX_LAYERS",
      "MERIDIAN_BUILDS_MAX_LOG_BYTES", "MERIDIAN_DIRECT_VERIFY_BUDGET", "MERIDIAN_EVENTS_LEASE",
      "MERIDIAN_AUDIT_PULL_WRITES", // inline whenever AWS_LAMBDA_FUNCTION_NAME is set
      "MERIDIAN_PULL_THROUGH_APPLY"); // default true; the pull function alone sets it false
  /** The functions whose role may write other regions' buckets: the replicator's two entries. */
  static final Set<String> PEER_WRITERS = Set.of("replicateS3", "reconcileSchedule");
  static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker";
  static final String DEFINITION = "spring_cloud_function_definition";
  /** The event type each trigger delivers, as the function bean's input type must be. */
  static final Map<String, String> EVENT_INPUT = Map.of(
      "HttpApi", "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
      "S3", "com.amazonaws.services.lambda.runtime.events.S3Event",
      "SQS", "com.amazonaws.services.lambda.runtime.events.SQSEvent",
      "Schedule", "com.amazonaws.services.lambda.runtime.events.ScheduledEvent");

  private final Map<String, Object> resources;
  private final Map<String, Object> globals;
  private final Map<String, Type> beans;
  private final Set<String> variables;
  private final List<String> violations = new ArrayList<>();

  private TemplateRules(Map<String, Object> template, Map<String, Type> beans,
      Set<String> variables) {
    this.resources = map(template.get("Resources"));
    this.globals = map(map(template.get("Globals")).get("Function"));
    this.beans = beans;
    this.variables = variables;
  }

  static List<String> check(Map<String, Object> template, Map<String, Type> beans,
      Set<String> variables) {
    TemplateRules rules = new TemplateRules(template, beans, variables);
    rules.resources.forEach((name, resource) -> rules.checkResource(name, map(resource)));
    rules.checkPartition("", template);
    return rules.violations;
  }

  /** {@code MERIDIAN_*} names of every component of the given {@code @ConfigurationProperties} records. */
  static Set<String> environmentVariables(Class<?>... records) {
    Set<String> names = new TreeSet<>();
    for (Class<?> record : records) {
      String prefix = record.getAnnotation(ConfigurationProperties.class).value();
      for (RecordComponent c : record.getRecordComponents()) {
        String property = prefix + "." + c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2");
        names.add(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
      }
    }
    return names;
  }

  private void checkResource(String name, Map<String, Object> resource) {
    String type = String.valueOf(resource.get("Type"));
    Map<String, Object> properties = map(resource.get("Properties"));
    if (type.equals("AWS::Serverless::Function")) {
      checkFunction(name, merged(properties));
    }
    if (type.equals("AWS::S3::Bucket")) {
      checkAbandonedUploadsRule(name, properties);
    }
    if (type.equals("AWS::DynamoDB::Table")) {
      checkTimeToLive(name, properties);
    }
    forEachStatement(properties, statement -> {
      checkActions(name, statement);
      return null;
    });
  }

  /**
   * Abandoned uploads' parts are cleaned up on AWS by the bucket, not by a sweeper
   * (docs/security.md "Abandoned uploads"): an enabled rule on {@code _uploads/} that aborts
   * incomplete multipart uploads and expires the staging objects.
   */
  private void checkAbandonedUploadsRule(String name, Map<String, Object> bucket) {
    List<?> rules = list(map(bucket.get("LifecycleConfiguration")).get("Rules"));
    boolean found = rules.stream().map(TemplateRules::map).anyMatch(rule ->
        "Enabled".equals(rule.get("Status"))
            && "_uploads/".equals(rule.containsKey("Prefix") ? rule.get("Prefix")
                : map(rule.get("Filter")).get("Prefix"))
            && map(rule.get("AbortIncompleteMultipartUpload")).get("DaysAfterInitiation") != null
            && rule.get("ExpirationInDays") != null);
    if (!found) {
      violations.add(name + ": no enabled lifecycle rule on _uploads/ that aborts incomplete "
          + "multipart uploads and expires objects");
    }
  }

  /** Upload sessions (and other expiring items) are deleted by DynamoDB's TTL on {@code ttl}. */
  private void checkTimeToLive(String name, Map<String, Object> table) {
    Map<String, Object> ttl = map(table.get("TimeToLiveSpecification"));
    if (!"ttl".equals(ttl.get("AttributeName")) || !Boolean.TRUE.equals(ttl.get("Enabled"))) {
      violations.add(name + ": TimeToLiveSpecification is not enabled on attribute ttl");
    }
  }

  /** No literal {@code arn:aws:}: the stack may be in aws-cn or aws-us-gov; use AWS::Partition. */
  private void checkPartition(String where, Object node) {
    if (node instanceof String text && text.contains("arn:aws:")) {
      violations.add(where + ": hard-codes the aws partition (" + text + "); use ${AWS::Partition}");
    } else if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> checkPartition(where + "/" + k, v));
    } else if (node instanceof Collection<?> c) {
      c.forEach(v -> checkPartition(where, v));
    }
  }

  /** Each function logs to a log group of the template that has a retention. */
  private boolean dependsOnTable(String function) {
    Object d = map(resources.get(function)).get("DependsOn");
    List<?> names = d instanceof List<?> l ? l : d == null ? List.of() : List.of(d);
    return names.stream().anyMatch(n -> isResource(String.valueOf(n), "AWS::DynamoDB::Table"));
  }

  private void checkLogGroup(String name, Map<String, Object> f) {
    String group = ref(map(f.get("LoggingConfig")).get("LogGroup"));
    if (!isResource(group, "AWS::Logs::LogGroup")
        || map(map(resources.get(group)).get("Properties")).get("RetentionInDays") == null) {
      violations.add(name + ": logs to no log group of the template with RetentionInDays");
    }
  }

  private void checkFunction(String name, Map<String, Object> f) {
    checkLogGroup(name, f);
    if (!HANDLER.equals(f.get("Handler"))) {
      violations.add(name + ": Handler is not " + HANDLER);
    }
    Map<String, Object> env = map(map(f.get("Environment")).get("Variables"));
    Object definition = env.get(DEFINITION);
    if (!(definition instanceof String bean) || !beans.containsKey(bean)) {
      violations.add(name + ": " + DEFINITION + " " + definition + " names no function bean of "
          + "the app " + beans.keySet());
    } else {
      checkEvents(name, bean, map(f.get("Events")));
    }
    for (String variable : env.keySet()) {
      if (variable.startsWith("MERIDIAN_") && !variables.contains(variable)) {
        violations.add(name + ": sets " + variable + ", which the code does not read");
      }
      if (LOCAL_ONLY.contains(variable)) {
        violations.add(name + ": sets " + variable + ", which only local endpoints use");
      }
      if (SECRET_VALUES.contains(variable)) {
        violations.add(name + ": sets " + variable + " as an environment literal; name its "
            + "Secrets Manager secret (MERIDIAN_SECRETS_*) instead");
      }
    }
    for (String variable : variables) {
      if (!LOCAL_ONLY.contains(variable) && !DEFAULT_ON_AWS.contains(variable)
          && !SECRET_VALUES.contains(variable) && !env.containsKey(variable)) {
        violations.add(name + ": does not set " + variable + ", which the code reads");
      }
    }
    if (f.containsKey("SnapStart") && !f.containsKey("AutoPublishAlias")) {
      violations.add(name + ": SnapStart without AutoPublishAlias (SnapStart applies only to "
          + "published versions)");
    }
    if (f.containsKey("SnapStart") && !dependsOnTable(name)) {
      violations.add(name + ": SnapStart without DependsOn the table (the snapshot is taken "
          + "after init, which reads and writes it)");
    }
    if (!PEER_WRITERS.contains(definition) && writesPeerBuckets(f)) {
      violations.add(name + ": " + definition + " may write peer buckets; only " + PEER_WRITERS
          + " may");
    }
  }

  private void checkEvents(String name, String bean, Map<String, Object> events) {
    events.forEach((eventName, e) -> {
      Map<String, Object> event = map(e);
      String type = String.valueOf(event.get("Type"));
      Map<String, Object> p = map(event.get("Properties"));
      String expected = EVENT_INPUT.get(type);
      String actual = beans.get(bean) == null ? null : beans.get(bean).getTypeName();
      if (expected != null && !expected.equals(actual)) {
        violations.add(name + "." + eventName + ": a " + type + " event delivers " + expected
            + " but " + bean + " takes " + actual);
      }
      if (type.equals("S3") && !isResource(ref(p.get("Bucket")), "AWS::S3::Bucket")) {
        violations.add(name + "." + eventName + ": S3 event on " + p.get("Bucket")
            + ", not a bucket of this template");
      }
      if (type.equals("SQS")) {
        checkQueueConsumer(name + "." + eventName, p);
      }
    });
  }

  private void checkQueueConsumer(String where, Map<String, Object> p) {
    Object types = p.get("FunctionResponseTypes");
    if (!(types instanceof Collection<?> c) || !c.contains("ReportBatchItemFailures")) {
      violations.add(where + ": queue consumer without ReportBatchItemFailures");
    }
    String queue = getAtt(p.get("Queue"));
    if (!isResource(queue, "AWS::SQS::Queue")) {
      violations.add(where + ": queue " + p.get("Queue") + " is not a queue of this template");
      return;
    }
    Map<String, Object> redrive = map(map(map(resources.get(queue)).get("Properties"))
        .get("RedrivePolicy"));
    if (!isResource(getAtt(redrive.get("deadLetterTargetArn")), "AWS::SQS::Queue")) {
      violations.add(where + ": queue " + queue + " has no dead-letter queue");
    }
  }

  private void checkActions(String name, Map<String, Object> statement) {
    if (statement.containsKey("NotAction")) {
      violations.add(name + ": a policy uses NotAction");
    }
    Object actions = statement.get("Action");
    for (Object action : actions instanceof Collection<?> c ? c : List.of(String.valueOf(actions))) {
      if (String.valueOf(action).contains("*")) {
        violations.add(name + ": a policy grants " + action);
      }
    }
  }

  private boolean writesPeerBuckets(Map<String, Object> function) {
    List<Boolean> found = new ArrayList<>();
    forEachStatement(function, statement -> {
      Object actions = statement.get("Action");
      String a = String.valueOf(actions);
      String resource = String.valueOf(statement.get("Resource"));
      // push may copy a spilled build's context into a peer's _builds/contexts/ (BuildEnqueuer)
      // push writes the onMiss pull settings into every region's _settings/ (PullSettings)
      // and the registry's lifecycle configuration under _lifecycle/ (LifecycleConfig)
      if (resource.contains("PeerBucketArns") && !resource.contains("/_builds/contexts/*")
          && !resource.contains("/_settings/*") && !resource.contains("/_lifecycle/*")
          && (a.contains("s3:PutObject") || a.contains("s3:DeleteObject"))) {
        found.add(true);
      }
      return null;
    });
    return !found.isEmpty();
  }

  /** Every map that looks like an IAM statement (has Effect), anywhere below {@code node}. */
  private static void forEachStatement(Object node, Function<Map<String, Object>, Void> visit) {
    if (node instanceof Map<?, ?> m) {
      if (m.containsKey("Effect") && (m.containsKey("Action") || m.containsKey("NotAction"))) {
        visit.apply(map(m));
      }
      m.values().forEach(v -> forEachStatement(v, visit));
    } else if (node instanceof Collection<?> c) {
      c.forEach(v -> forEachStatement(v, visit));
    }
  }

  /** A function's properties with Globals.Function merged in, as SAM merges them. */
  private Map<String, Object> merged(Map<String, Object> properties) {
    Map<String, Object> out = new LinkedHashMap<>(globals);
    properties.forEach((k, v) -> {
      if (v instanceof Map<?, ?> own && out.get(k) instanceof Map<?, ?> global) {
        out.put(k, deepMerge(map(global), map(own)));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  private static Map<String, Object> deepMerge(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> out = new LinkedHashMap<>(a);
    b.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> vb && out.get(k) instanceof Map<?, ?> va
        ? deepMerge(map(va), map(vb)) : v));
    return out;
  }

  private boolean isResource(String name, String type) {
    return name != null && resources.get(name) instanceof Map<?, ?> r
        && type.equals(r.get("Type"));
  }

  private static String ref(Object value) {
    return value instanceof Map<?, ?> m && m.get("Ref") instanceof String s ? s : null;
  }

  private static String getAtt(Object value) {
    return value instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l && !l.isEmpty()
        ? String.valueOf(l.get(0)) : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}

package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.lambda.iam.IamPolicy;
import dev.meridian.app.lambda.iam.IamRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IAM as AWS would enforce it on the Lambda-entry tests: every SDK call a function made
 * ({@link SdkCallRecorder}) is turned into the IAM requests AWS authorizes ({@link
 * SdkCallActions}) and evaluated against that function's role in the transformed template.
 * ({@link SamTransform}, {@link FunctionRoles}), resolved for the stack the function's region
 * would be: registry {@code meridian}, the test region's name, its peers as {@code infra/deploy}
 * passes them. The test's random bucket and table names are mapped to the stack's
 * {@code meridian-<region>}; the test's secrets to the ARNs of the secrets the first region's
 * stack creates.
 */
final class IamCheck {

  static final String REGISTRY = "meridian";

  private IamCheck() {}

  /** Fails when a call any of {@code harnesses} made would be denied on AWS. */
  static void assertAllowed(LambdaHarness... harnesses) {
    List<String> denied = new ArrayList<>();
    for (LambdaHarness h : harnesses) {
      denied.addAll(denials(h));
    }
    assertThat(denied).as("SDK calls the functions' roles in template.yaml would deny").isEmpty();
  }

  /** One line per denied IAM request of {@code harness}'s calls (empty: all allowed). */
  static List<String> denials(LambdaHarness harness) {
    SamTransform.Result transformed = SamTransform.templateYaml();
    Map<String, String> p = harness.properties();
    String region = p.get("meridian.aws-region");
    Map<String, Object> parameters = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    parameters.put("RegistryName", REGISTRY);
    parameters.put("RegionName", p.get("meridian.region"));
    parameters.put("RegionSeed", p.get("meridian.seed"));
    names.put(p.get("meridian.bucket"), REGISTRY + "-" + p.get("meridian.region"));
    names.put(p.get("meridian.table"), REGISTRY + "-" + p.get("meridian.region"));
    if (p.containsKey("meridian.events.bus")) { // the EventBus parameter's default: the default bus
      names.put(p.get("meridian.events.bus"), "default");
    }
    List<String> peers = new ArrayList<>();
    List<String> peerBuckets = new ArrayList<>();
    List<String> peerTables = new ArrayList<>();
    String peerList = p.getOrDefault("meridian.peers", "");
    for (String entry : peerList.isEmpty() ? new String[0] : peerList.split(",")) {
      String[] f = entry.split(":"); // name:seed:bucket:table[:awsRegion]
      String id = REGISTRY + "-" + f[0];
      String peerRegion = f.length > 4 ? f[4] : region;
      names.put(f[2], id);
      names.put(f[3], id);
      peers.add(f[0] + ":" + f[1] + ":" + id + ":" + id + ":" + peerRegion);
      peerBuckets.add("arn:" + CfnResolver.PARTITION + ":s3:::" + id);
      peerTables.add("arn:" + CfnResolver.PARTITION + ":dynamodb:" + peerRegion + ":"
          + CfnResolver.ACCOUNT + ":table/" + id);
    }
    parameters.put("Peers", String.join(",", peers));
    parameters.put("PeerBucketArns", peerBuckets.isEmpty() ? List.of("") : peerBuckets);
    parameters.put("PeerTableArns", peerTables.isEmpty() ? List.of("") : peerTables);
    CfnResolver resolver = new CfnResolver(transformed.template(), parameters, region);
    names.put(p.get("meridian.secrets.signing-keys"), ref(resolver, "SigningKeysSecret"));
    names.put(p.get("meridian.secrets.bootstrap-password"), ref(resolver, "BootstrapPasswordSecret"));
    names.put(p.get("meridian.secrets.upload-signing-key"), ref(resolver, "UploadSigningKeySecret"));

    FunctionRoles roles = new FunctionRoles(resolver);
    String function = roles.functionOf(harness.definition());
    IamPolicy policy = roles.policyOf(function);
    Set<String> denied = new LinkedHashSet<>();
    for (SdkCallRecorder.Call call : SdkCallRecorder.callsOf(harness.id())) {
      for (IamRequest request : SdkCallActions.required(call, n -> names.getOrDefault(n, n))) {
        IamPolicy.Decision decision = policy.evaluate(request);
        if (decision != IamPolicy.Decision.ALLOW) {
          denied.add(function + " (" + harness.definition() + ", region " + p.get("meridian.region")
              + "): " + call.service() + "." + call.operation() + " needs " + request + ": "
              + decision);
        }
      }
    }
    return List.copyOf(denied);
  }

  private static String ref(CfnResolver resolver, String resource) {
    return String.valueOf(resolver.resolve(Map.of("Ref", resource)));
  }
}

package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code infra/deploy --dry-run} as SAM CLI would run it: every printed {@code sam deploy} line
 * is split into words by bash (as the real run passes them), its {@code --parameter-overrides}
 * parsed by SAM CLI's rules ({@link SamParameterOverrides}), and the result checked against
 * template.yaml's parameters (names, required ones, {@code AllowedPattern}) and against what the
 * stacks would know at that moment: a first deploy knows no endpoint, a later pass all of them.
 */
class DeployScriptTest {

  static final Path DEPLOY = Path.of(System.getProperty("meridian.deploy", "../../infra/deploy"));
  static final List<String[]> REGIONS = List.of(new String[] {"eastus", "aa", "us-east-1"},
      new String[] {"westeurope", "ab", "eu-west-1"}, new String[] {"japaneast", "ac", "ap-northeast-1"},
      new String[] {"brazilsouth", "ad", "sa-east-1"}, new String[] {"australiaeast", "ae", "ap-southeast-2"});
  static final Map<String, Object> PARAMETERS = CfnResolver.map(
      CloudFormationYaml.parse(read(SamTransform.TEMPLATE)).get("Parameters"));

  @TempDir
  Path dir;

  record Deploy(String stack, Map<String, String> overrides) {}

  @ParameterizedTest(name = "{0} region(s)")
  @ValueSource(ints = {1, 2, 5})
  void firstDeploy_passesOnlyValuesSamAccepts_andEndpointsOnlyOnceTheyExist(int count)
      throws Exception {
    List<Deploy> deploys = dryRun(count, null);

    assertThat(deploys).hasSize(2 * count);
    for (Deploy d : deploys.subList(0, count)) {
      assertThat(d.overrides().get("RegionEndpoints")).as("no stack exists yet: %s", d.stack())
          .isEmpty();
    }
    for (Deploy d : deploys.subList(count, 2 * count)) {
      assertThat(d.overrides().get("RegionEndpoints").split(",")).hasSize(count);
    }
    deploys.forEach(DeployScriptTest::assertValidForTemplate);
    Deploy first = deploys.get(0);
    assertThat(first.overrides()).doesNotContainKey("SigningKeysSecretArn");
    assertThat(first.overrides().get("PeerBucketArns").split(",", -1)).hasSize(Math.max(1, count - 1));
    if (count == 1) {
      assertThat(first.overrides()).containsEntry("Peers", "").containsEntry("PeerBucketArns", "")
          .containsEntry("PeerTableArns", "");
    } else {
      assertThat(deploys.get(1).overrides().get("SigningKeysSecretArn"))
          .startsWith("arn:aws:secretsmanager:us-east-1:");
    }
  }

  @Test
  void regionAddedLater_existingRegionsLearnTheNewPeer_andEveryoneItsEndpoint() throws Exception {
    Path state = dir.resolve("state");
    for (String[] r : REGIONS.subList(0, 2)) {
      Path stack = Files.createDirectories(state.resolve("meridian-" + r[0]));
      Files.writeString(stack.resolve("ApiEndpoint"), "https://" + r[0] + "1.execute-api." + r[2]
          + ".amazonaws.com");
    }
    for (String key : List.of("SigningKeysSecretArn", "BootstrapPasswordSecretArn",
        "UploadSigningKeySecretArn")) {
      Files.writeString(state.resolve("meridian-eastus").resolve(key),
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:meridian/" + key + "-AbCdEf");
    }

    List<Deploy> deploys = dryRun(3, state);

    assertThat(deploys).extracting(Deploy::stack).containsExactly("meridian-eastus",
        "meridian-westeurope", "meridian-japaneast", "meridian-eastus", "meridian-westeurope",
        "meridian-japaneast");
    assertThat(deploys.get(0).overrides().get("RegionEndpoints").split(",")).hasSize(2);
    assertThat(deploys.get(0).overrides().get("PeerBucketArns")).contains("meridian-japaneast");
    assertThat(deploys.get(2).overrides()).containsEntry("SigningKeysSecretArn",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:meridian/SigningKeysSecretArn-AbCdEf");
    assertThat(deploys.get(5).overrides().get("RegionEndpoints")).contains("ac=https://");
    deploys.forEach(DeployScriptTest::assertValidForTemplate);
  }

  /**
   * A real (not dry) run against stand-ins for {@code aws} and {@code sam} on the PATH: the
   * stand-in {@code sam deploy} creates the stack's outputs, so pass 2 sees the endpoints pass 1
   * created, and the second region reads the first's secrets; then every function keeps its
   * alias's version and the newest three, older versions are deleted.
   */
  @Test
  void realRun_deploysTwice_readsCreatedOutputs_andPrunesOldVersions() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path state = Files.createDirectories(dir.resolve("stacks"));
    Path log = dir.resolve("calls");
    Files.writeString(bin.resolve("sam"), """
        #!/usr/bin/env bash
        [ "$1" = deploy ] || exit 0
        printf '%s\\0' "$@" >> "$LOG"; printf '\\n' >> "$LOG"
        while [ $# -gt 0 ]; do case "$1" in --stack-name) stack="$2";; --region) region="$2";; esac; shift; done
        mkdir -p "$STATE/$stack"
        echo "https://${stack}.execute-api.${region}.amazonaws.com" > "$STATE/$stack/ApiEndpoint"
        for k in SigningKeysSecretArn BootstrapPasswordSecretArn UploadSigningKeySecretArn; do
          echo "arn:aws:secretsmanager:${region}:111122223333:secret:${k}" > "$STATE/$stack/$k"
        done
        """);
    Files.writeString(bin.resolve("aws"), """
        #!/usr/bin/env bash
        case "$1 $2" in
          "sts get-caller-identity") echo 111122223333 ;;
          "cloudformation describe-stacks")
            stack=$(echo "$@" | sed -E 's/.*--stack-name ([^ ]+).*/\\1/')
            key=$(echo "$@" | sed -E "s/.*OutputKey=='([A-Za-z]+)'.*/\\1/")
            cat "$STATE/$stack/$key" 2>/dev/null || exit 255 ;;
          "cloudformation describe-stack-resources") printf 'fn-a\\tfn-b\\n' ;;
          "lambda get-alias") echo 2 ;;
          "lambda list-versions-by-function") printf '1\\t2\\t3\\t4\\t5\\t6\\n' ;;
          "lambda delete-function") echo "delete $*" >> "$LOG.deleted" ;;
        esac
        """);
    bin.resolve("sam").toFile().setExecutable(true);
    bin.resolve("aws").toFile().setExecutable(true);
    Path file = dir.resolve("regions");
    Files.writeString(file, "eastus aa us-east-1\nwesteurope ab eu-west-1\n");
    ProcessBuilder pb = new ProcessBuilder("bash", DEPLOY.toString(), "--skip-build", "--regions",
        file.toString()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("STATE", state.toString());
    pb.environment().put("LOG", log.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    List<Map<String, String>> deploys = new ArrayList<>();
    for (String call : Files.readString(log).split("\n")) {
      deploys.add(SamParameterOverrides.parse(Arrays.asList(call.split("\0"))));
    }
    assertThat(deploys).hasSize(4);
    assertThat(deploys.get(0)).containsEntry("RegionEndpoints", "");
    assertThat(deploys.get(1)).containsEntry("SigningKeysSecretArn",
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:SigningKeysSecretArn");
    assertThat(deploys.get(3).get("RegionEndpoints")).isEqualTo(
        "aa=https://meridian-eastus.execute-api.us-east-1.amazonaws.com,"
            + "ab=https://meridian-westeurope.execute-api.eu-west-1.amazonaws.com");
    List<String> deleted = Files.readAllLines(Path.of(log + ".deleted"));
    assertThat(deleted).hasSize(2 * 2 * 2) // 2 regions x 2 functions x versions 3 and 1
        .allMatch(d -> d.endsWith("--qualifier 3") || d.endsWith("--qualifier 1"));
  }

  @Test
  void samParser_rejectsAnEmptyValue_andAcceptsAQuotedOne() {
    assertThatThrownBy(() -> SamParameterOverrides.parse(List.of("--parameter-overrides", "Peers=")))
        .hasMessageContaining("not in valid format");
    assertThat(SamParameterOverrides.parse(List.of("--parameter-overrides", "Peers=\"\"",
        "A='x y'", "ParameterKey=B,ParameterValue=c", "--region", "x")))
        .containsExactly(Map.entry("Peers", ""), Map.entry("A", "x y"), Map.entry("B", "c"));
  }

  /** Every override names a template parameter and fits its AllowedPattern; none is missing. */
  private static void assertValidForTemplate(Deploy d) {
    assertThat(PARAMETERS).containsKeys(d.overrides().keySet().toArray(String[]::new));
    PARAMETERS.forEach((name, p) -> {
      Map<String, Object> declared = CfnResolver.map(p);
      String value = d.overrides().get(name);
      if (!declared.containsKey("Default")) {
        assertThat(value).as("%s: required parameter %s", d.stack(), name).isNotNull();
      }
      if (value != null && declared.get("AllowedPattern") instanceof String pattern) {
        assertThat(value).as("%s: %s", d.stack(), name).matches(pattern);
      }
    });
  }

  private List<Deploy> dryRun(int regions, Path state) throws Exception {
    Path file = dir.resolve("regions");
    StringBuilder lines = new StringBuilder("# name seed aws-region\n");
    for (String[] r : REGIONS.subList(0, regions)) {
      lines.append(String.join(" ", r)).append('\n');
    }
    Files.writeString(file, lines);
    List<String> command = new ArrayList<>(List.of("bash", DEPLOY.toString(), "--dry-run",
        "--skip-build", "--regions", file.toString()));
    if (state != null) {
      command.addAll(List.of("--state", state.toString()));
    }
    String out = BashCommands.run(command);
    List<Deploy> deploys = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("+ sam deploy ")) {
        List<String> argv = BashCommands.words(line.substring(2));
        deploys.add(new Deploy(argv.get(argv.indexOf("--stack-name") + 1),
            SamParameterOverrides.parse(argv)));
      }
    }
    return deploys;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

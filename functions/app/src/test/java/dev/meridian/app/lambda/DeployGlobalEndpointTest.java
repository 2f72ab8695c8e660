package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/deploy --global-domain}: every region's stack gets the global name and its AWS
 * region's certificate, and a last step deploys infra/global.yaml with one record per region from
 * the stacks' outputs; {@code --disable-region} turns that region's record off. Checked on the
 * dry run's printed commands, split into words as bash would run them.
 */
class DeployGlobalEndpointTest {
  private static final Path DEPLOY = Path.of("../../infra/deploy");
  @TempDir Path dir;

  @Test
  void dryRun_withAGlobalDomain_passesItToEveryRegionAndDeploysTheRecords() throws Exception {
    Path regions = Files.writeString(dir.resolve("regions"),
        "eastus aa us-east-1\nwesteurope ab eu-west-1\ncanadacentral ac ca-central-1\n");
    Path certs = Files.writeString(dir.resolve("certs"),
        "us-east-1 arn:aws:acm:us-east-1:123456789012:certificate/a\n"
            + "eu-west-1 arn:aws:acm:eu-west-1:123456789012:certificate/b\n"
            + "ca-central-1 arn:aws:acm:ca-central-1:123456789012:certificate/c\n");

    List<List<String>> commands = dryRun(List.of("--regions", regions.toString(),
        "--global-domain", "registry.example.com", "--hosted-zone", "Z0123",
        "--certificates", certs.toString(), "--disable-region", "westeurope"));

    List<List<String>> sam = commands.stream().filter(c -> c.get(1).equals("deploy")
        && c.get(0).equals("sam")).toList();
    assertThat(sam).isNotEmpty().allSatisfy(c -> {
      Map<String, String> p = SamParameterOverrides.parse(c);
      String region = c.get(c.indexOf("--region") + 1);
      assertThat(p).containsEntry("GlobalDomainName", "registry.example.com");
      assertThat(p.get("GlobalDomainCertificateArn")).startsWith("arn:aws:acm:" + region + ":");
    });
    List<String> global = commands.stream().filter(c -> c.get(0).equals("aws")
        && c.contains("cloudformation")).findFirst().orElseThrow();
    assertThat(global).contains("--template-file").anyMatch(w -> w.endsWith("infra/global.yaml"));
    Map<String, String> p = keyValues(global.subList(global.indexOf("--parameter-overrides") + 1,
        global.size()));
    assertThat(p).containsEntry("DomainName", "registry.example.com")
        .containsEntry("HostedZoneId", "Z0123")
        .containsEntry("Region1Name", "us-east-1").containsEntry("Region1Enabled", "true")
        .containsEntry("Region2Name", "eu-west-1").containsEntry("Region2Enabled", "false")
        .containsEntry("Region3Name", "ca-central-1");
    for (int i = 1; i <= 3; i++) {
      assertThat(p.get("Region" + i + "Target")).as("target %d", i).isNotBlank();
      assertThat(p.get("Region" + i + "TargetZone")).isNotBlank();
      assertThat(p.get("Region" + i + "HealthHost")).contains(".execute-api.");
    }
    String template = Files.readString(Path.of("../../infra/global.yaml"));
    p.keySet().forEach(k -> assertThat(template).as("parameter %s of global.yaml", k)
        .contains("  " + k + ":"));
  }

  @Test
  void dryRun_withoutAGlobalDomain_deploysNoRecordsAndPassesEmptyValues() throws Exception {
    Path regions = Files.writeString(dir.resolve("regions"), "eastus aa us-east-1\n");

    List<List<String>> commands = dryRun(List.of("--regions", regions.toString()));

    assertThat(commands).noneMatch(c -> c.get(0).equals("aws") && c.contains("cloudformation"));
    assertThat(commands).filteredOn(c -> c.get(0).equals("sam") && c.get(1).equals("deploy"))
        .allSatisfy(c -> assertThat(SamParameterOverrides.parse(c))
            .containsEntry("GlobalDomainName", "").containsEntry("GlobalDomainCertificateArn", ""));
  }

  private static Map<String, String> keyValues(List<String> words) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      out.put(w.substring(0, eq), w.substring(eq + 1));
    }
    return out;
  }

  /** Each printed command ({@code + cmd args…}), split into the words bash would pass. */
  private static List<List<String>> dryRun(List<String> options) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", DEPLOY.toString(), "--dry-run",
        "--skip-build"));
    command.addAll(options);
    List<List<String>> commands = new ArrayList<>();
    for (String line : BashCommands.run(command).split("\n")) {
      if (line.startsWith("+ ")) {
        commands.add(BashCommands.words(line.substring(2)));
      }
    }
    return commands;
  }
}

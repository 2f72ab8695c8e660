package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * infra/global.yaml: the replica set's one name, routed by Route 53 latency
 * records, each with a health check of its region's {@code /healthz}, each region removable from
 * routing by a switch that leaves its health check (and replication) alone; and template.yaml's
 * optional regional custom domain those records point at. Linted with cfn-lint like template.yaml.
 */
class GlobalEndpointTemplateTest {
  private static final Path GLOBAL = Path.of("../../infra/global.yaml");
  private static final int SLOTS = 5;

  @Test
  void globalYaml_lintsWithoutAFinding() throws IOException {
    SamTransform.Result result = SamTransform.run("global", Files.readString(GLOBAL));

    assertThat(result.findings()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyRegionsRecord_hasAHealthCheckOfHealthz_andAnEnabledSwitch() throws IOException {
    Map<String, Object> t = CloudFormationYaml.parse(Files.readString(GLOBAL));
    Map<String, Object> resources = (Map<String, Object>) t.get("Resources");
    Map<String, Object> conditions = (Map<String, Object>) t.get("Conditions");

    for (int i = 1; i <= SLOTS; i++) {
      Map<String, Object> record = (Map<String, Object>) resources.get("Record" + i);
      Map<String, Object> props = (Map<String, Object>) record.get("Properties");
      assertThat(record.get("Condition")).isEqualTo("Routes" + i);
      assertThat(props.get("HealthCheckId")).isEqualTo(Map.of("Ref", "Health" + i));
      assertThat(props.get("Region")).isEqualTo(Map.of("Ref", "Region" + i + "Name"));
      assertThat(props).containsKey("SetIdentifier").containsKey("AliasTarget");
      Map<String, Object> health = (Map<String, Object>) resources.get("Health" + i);
      assertThat(health.get("Condition")).isEqualTo("Uses" + i);
      Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>)
          health.get("Properties")).get("HealthCheckConfig");
      assertThat(config).containsEntry("ResourcePath", "/healthz").containsEntry("Type", "HTTPS");
      assertThat(conditions.get("Routes" + i).toString())
          .contains("Uses" + i).contains("Region" + i + "Enabled");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void templateYaml_servesTheGlobalNameThroughARegionalCustomDomain_onlyWhenConfigured()
      throws IOException {
    Map<String, Object> t = CloudFormationYaml.parse(Files.readString(SamTransform.TEMPLATE));
    Map<String, Object> resources = (Map<String, Object>) t.get("Resources");
    Map<String, Object> outputs = (Map<String, Object>) t.get("Outputs");

    Map<String, Object> domain = (Map<String, Object>) resources.get("GlobalDomain");
    assertThat(domain.get("Condition")).isEqualTo("HasGlobalDomain");
    List<Map<String, Object>> configs = (List<Map<String, Object>>)
        ((Map<String, Object>) domain.get("Properties")).get("DomainNameConfigurations");
    assertThat(configs).singleElement().satisfies(c ->
        assertThat(c).containsEntry("EndpointType", "REGIONAL"));
    assertThat(((Map<String, Object>) resources.get("GlobalDomainMapping")).get("Condition"))
        .isEqualTo("HasGlobalDomain");
    assertThat(outputs).containsKeys("ApiHost", "GlobalDomainTarget", "GlobalDomainHostedZoneId");
  }
}

package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar that template.yaml deploys ({@code CodeUri}), run as Lambda runs it: each
 * function of the template starts in a fresh JVM whose classpath is that jar alone (plus {@link
 * ColdStartProbe}) and answers a real request against DynamoDB Local, s3proxy and the Secrets
 * Manager stand-in. The in-JVM Lambda tests run on the module's classpath, so only this test
 * catches a class the shade plugin left out (or a filter dropped). Runs after {@code package}
 * (this module's pom binds it to {@code integration-test}).
 *
 * <p>With {@code -Dmeridian.coldstart.rounds=N} it also measures cold starts ({@link
 * #coldStart_measuredForPullAndPush}); bench/cold-start.sh runs that.
 */
class ShadedJarTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path jar;
  private static Map<String, String> properties;

  @BeforeAll
  static void region() {
    String path = System.getProperty("meridian.shaded-jar");
    Assumptions.assumeTrue(path != null,
        "run by the integration-test phase, which names the shaded jar");
    jar = Path.of(path);
    assertThat(jar).exists();
    TestRegions.Region region = TestRegions.create("shaded", "sj");
    properties = TestRegions.properties(region, List.of());
  }

  @Test
  void everyFunctionOfTheTemplate_startsFromTheShadedJarAlone_andAnswers() throws Exception {
    List<String> definitions = definitions();
    assertThat(definitions).contains("pullHttp", "pushHttp", "replicateS3");

    for (String definition : definitions) {
      JsonNode result = probe(definition, false);
      String expected = switch (definition) {
        case "pullHttp" -> "200";
        case "pushHttp" -> "201";
        default -> "ok";
      };
      assertThat(result.get("status").asText()).as(definition + ": " + result)
          .isEqualTo(expected);
      assertThat(result.get("secondStatus").asText()).as(definition + ": " + result)
          .isEqualTo(expected);
    }
  }

  @Test
  void pullHttp_underSnapStart_primesThroughTheInvokersPath_fromTheShadedJar() throws Exception {
    JsonNode result = probe("pullHttp", true);

    assertThat(result.get("primedRequests").asInt()).as(result.toString())
        .isEqualTo(SnapStartPriming.PRIMING_REQUESTS.size());
    assertThat(result.get("status").asText()).isEqualTo("200");
  }

  @Test
  void pushHttp_underSnapStart_primesItsWritePathOffline_fromTheShadedJar() throws Exception {
    JsonNode result = probe("pushHttp", true);

    assertThat(result.get("primedRequests").asInt()).as(result.toString())
        .isEqualTo(SnapStartPriming.PUSH_PRIMING_REQUESTS.size());
    assertThat(result.get("status").asText()).isEqualTo("201");
  }

  @Test
  void coldStart_measuredForPullAndPush() throws Exception {
    int rounds = Integer.getInteger("meridian.coldstart.rounds", 0);
    Assumptions.assumeTrue(rounds > 0, "a benchmark: bench/cold-start.sh sets the rounds");
    List<String> lines = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (String definition : List.of("pullHttp", "pushHttp")) {
        for (boolean primed : List.of(false, true)) {
          JsonNode r = probe(definition, primed);
          assertThat(r.get("status").asText()).as(r.toString()).isIn("200", "201");
          lines.add(round + " " + r);
        }
      }
    }
    Files.write(Path.of("target", "cold-start.txt"), lines);
  }

  /** Every spring_cloud_function_definition of template.yaml. */
  @SuppressWarnings("unchecked")
  private static List<String> definitions() throws IOException {
    Map<String, Object> template = CloudFormationYaml.parse(Files.readString(TemplateTest.TEMPLATE));
    TreeSet<String> found = new TreeSet<>();
    ((Map<String, Object>) template.get("Resources")).values().forEach(r -> {
      Map<String, Object> resource = (Map<String, Object>) r;
      Map<String, Object> props = (Map<String, Object>) resource.get("Properties");
      Object env = props == null ? null : props.get("Environment");
      Object vars = env instanceof Map<?, ?> m ? m.get("Variables") : null;
      Object definition = vars instanceof Map<?, ?> v ? v.get("spring_cloud_function_definition")
          : null;
      if ("AWS::Serverless::Function".equals(resource.get("Type")) && definition != null) {
        found.add(definition.toString());
      }
    });
    return List.copyOf(found);
  }

  /** Runs {@link ColdStartProbe} in a fresh JVM on the shaded jar; its JSON line. */
  static JsonNode probe(String definition, boolean primed) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+TieredCompilation"); // Lambda's default JVM (Java 17 runtime): tiered
    String classLog = System.getProperty("meridian.shaded-jar.class-log");
    if (classLog != null && !classLog.isBlank()) { // which classes a function loads (jar trimming)
      Files.createDirectories(Path.of(classLog));
      command.add("-Xlog:class+load=info:file=" + Path.of(classLog, definition + "-"
          + (primed ? "primed" : "cold") + ".log").toAbsolutePath());
    }
    command.add("-cp");
    command.add(jar + java.io.File.pathSeparator + Path.of("target", "test-classes"));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-Dcoldstart.admin-password=" + TestRegions.ADMIN_PASSWORD);
    command.add("-Dlogging.level.root=WARN");
    command.add(ColdStartProbe.class.getName());
    command.add(definition);
    command.add(primed ? "primed" : "cold");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (primed) {
      builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    }
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(definition + " exited; output:\n" + text).isZero();
    String line = text.lines().filter(l -> l.startsWith("COLDSTART ")).findFirst()
        .orElseThrow(() -> new AssertionError(definition + " printed no result:\n" + text));
    return JSON.readTree(line.substring("COLDSTART ".length()));
  }
}

package dev.meridian.docs;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs that run: every sh/bash/console block of README.md and docs/*.md, page by page, in order,
 * in one bash per page ({@code set -Eeuo pipefail}) against one local runtime started from the
 * built jar as the README says. A block that cannot run here says so in the page
 * ({@code <!-- docs-test: skip reason="…" -->}, see {@link MarkdownBlocks}); nothing is skipped
 * silently.
 *
 * <p>What the test changes in the commands, and nothing else: the default ports 5000–5003 become
 * the runtime's free ports, and {@code '<the printed password>'} becomes the password it printed.
 * Every page gets what the README sets up: {@code PW}, {@code MERIDIAN_REGISTRY} (the CLI's default
 * registry, eastus), {@code bin/} on the PATH, and a HOME of its own (the CLI's and skopeo's
 * stored logins; the README's login carries over to the later pages, as in a reader's shell).
 *
 * <p>To work on a page: start the jar yourself ({@code java -jar functions/local/target/meridian-local.jar
 * --ephemeral --port P}) and run {@code mvn -o -pl docs-test -am test -Dtest=DocsRunEndToEndTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmeridian.docs.port=P -Dmeridian.docs.password=PW
 * -Dmeridian.docs.pages=README.md,docs/builds.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsRunEndToEndTest {

  private static final long PAGE_TIMEOUT_SECONDS = 600;

  private Path temp;
  private RuntimeFromJar runtime;
  private Path home;
  private boolean docker;

  @BeforeAll
  void startRuntime(@TempDir Path temp) throws Exception {
    // As the other end-to-end tests: skip saying what to install, or fail with CI=true (.ci/run).
    List<String> missing = List.of("curl", "jq", "skopeo", "openssl").stream().filter(t -> !onPath(t)).toList();
    if (!missing.isEmpty()) {
      String message = "the docs' commands need " + String.join(", ", missing) + " (apt-get install -y " + String.join(" ", missing) + ")";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    this.temp = temp;
    runtime = RuntimeFromJar.startOrAttach(Repository.root());
    home = Files.createDirectories(temp.resolve("home"));
    Files.createDirectories(home.resolve("run"));
    docker = dockerAnswers();
  }

  @AfterAll
  void stopRuntime() throws InterruptedException {
    if (runtime != null) {
      runtime.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyShellBlock_runsAgainstTheLocalRuntime() {
    String only = System.getProperty("meridian.docs.pages", "");
    return Repository.pages().stream()
        .filter(page -> only.isEmpty() || List.of(only.split(",")).contains(page.toString()))
        .map(page -> DynamicTest.dynamicTest(page.toString(), () -> runPage(page)));
  }

  private void runPage(Path page) throws Exception {
    List<DocBlock> blocks = new ArrayList<>();
    for (DocBlock b : MarkdownBlocks.parse(page.toString(), Repository.read(page))) {
      if (b.skipped()) {
        continue; // marked in the page, with its reason
      }
      if (b.needs().equals("docker") && !docker) {
        System.out.println("docs-test: " + b.where() + " needs a Docker engine; none answers (DOCKER_HOST), not run");
        continue;
      }
      blocks.add(b);
    }
    if (blocks.isEmpty()) {
      return;
    }
    PageScript script = new PageScript(prelude(), blocks, rewrites());
    Path dir = workDir(page);
    Path file = dir.resolve(".docs-test.sh");
    Path state = dir.resolve(".docs-test.state");
    Path out = dir.resolve(".docs-test.out");
    Files.writeString(file, script.text());
    ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", file.toString())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    environment(pb.environment(), state);
    Process bash = pb.start();
    boolean finished = bash.waitFor(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    // On a timeout, what the page is running ends with it (the prelude's EXIT trap ends jobs otherwise).
    bash.descendants().forEach(ProcessHandle::destroy);
    bash.destroy();
    if (!finished) {
      bash.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail(report(page, "timed out after " + PAGE_TIMEOUT_SECONDS + " s", script, state, out));
    }
    if (bash.exitValue() != 0) {
      fail(report(page, "exit " + bash.exitValue(), script, state, out));
    }
  }

  /** The docs' default ports → the runtime's ports; the password placeholder → the printed password. */
  private Map<Pattern, String> rewrites() {
    Map<Pattern, String> r = new LinkedHashMap<>();
    for (int i = 0; i <= 3; i++) {
      for (String host : List.of("127.0.0.1", "localhost")) {
        r.put(Pattern.compile("\\b" + Pattern.quote(host) + ":500" + i + "\\b"), host + ":" + (runtime.port() + i));
      }
    }
    r.put(Pattern.compile(Pattern.quote("'<the printed password>'")), "'" + runtime.password() + "'");
    return r;
  }

  private void environment(Map<String, String> env, Path state) {
    Path repo = Repository.root();
    env.put("HOME", home.toString());
    env.put("XDG_RUNTIME_DIR", home.resolve("run").toString()); // skopeo login's auth.json
    env.put("DOCKER_CONFIG", home.resolve(".docker").toString()); // the CLI's and docker's logins (the CLI reads user.home otherwise)
    env.remove("REGISTRY_AUTH_FILE");
    env.put("PATH", repo.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("PW", runtime.password());
    env.put("MERIDIAN_REGISTRY", "127.0.0.1:" + (runtime.port() + 1));
    env.remove("MERIDIAN_BOOTSTRAP_PASSWORD");
    env.put("DOCS_TEST_STATE", state.toString());
  }

  /** A directory of the page's own, where the repository's paths (bin/, functions/, …) resolve as in a checkout. */
  private Path workDir(Path page) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("pages").resolve(page.toString().replace('/', '_')));
    Path repo = Repository.root();
    for (String name : List.of("bin", "cli", "functions", "infra", "docs", "bench", "localstack", "template.yaml", "pom.xml")) {
      if (Files.exists(repo.resolve(name))) {
        Files.createSymbolicLink(dir.resolve(name), repo.resolve(name));
      }
    }
    return dir;
  }

  private String report(Path page, String how, PageScript script, Path state, Path out) throws IOException {
    String block = Files.exists(state) ? Files.readString(state).strip() : "(before the first block)";
    Path lineFile = state.resolveSibling(state.getFileName() + ".line");
    String line = Files.exists(lineFile) ? script.origin(Integer.parseInt(Files.readString(lineFile).strip())) : "?";
    List<String> output = Files.readAllLines(out);
    String tail = String.join("\n", output.subList(Math.max(0, output.size() - 80), output.size()));
    return page + ": " + how + "\n  block: " + block + "\n  failing command at: " + line
        + "\n  output (last 80 lines):\n" + tail.indent(4) + "\n  runtime output (last lines):\n" + runtime.output().indent(4);
  }

  private static String prelude() throws IOException {
    try (InputStream in = DocsRunEndToEndTest.class.getResourceAsStream("/docs-prelude.sh")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    return List.of(path.split(":")).stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static boolean dockerAnswers() {
    try {
      Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}

package dev.meridian.local.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar meridian-local.jar} with a fast-start layout beside the jar, as a user runs it:
 * the launcher runs the runtime in a child JVM, and users see the same ready lines, exit status
 * and signal handling as from an in-process start. The jars here are manifest-only jars whose
 * {@code Class-Path} is this test's class path (the real layout's come from the Maven package,
 * after the tests); the archive is not a valid one, which the JVM ignores silently.
 */
class FastStartLauncherTest {

  @TempDir Path work;
  private Path jar;
  private Process launcher;

  @BeforeEach
  void layout() throws IOException {
    jar = work.resolve("meridian-local.jar");
    // As the Maven build leaves it: JarMain first, Boot's launcher (here FastStart) kept aside.
    manifestJar(jar, JarMain.class.getName(), Map.of(JarMain.BOOT_MAIN, FastStart.class.getName()));
    ExtractedLayout layout = ExtractedLayout.besideJar(jar);
    Files.createDirectories(layout.directory());
    manifestJar(layout.thinJar(), null, Map.of());
    Files.writeString(layout.archive(), "not an archive");
    layout.writeStamp(jar);
  }

  @AfterEach
  void stop() {
    if (launcher != null) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  @Test
  void start_withLayout_runsChildJvmAndSigtermStopsBoth() throws Exception {
    launcher = launch("--ephemeral", "--port", "0", "--regions", regions().toString());

    List<String> ready = readyLines(launcher);
    ProcessHandle child = onlyChild(launcher);

    assertThat(ready).hasSize(2);
    assertThat(ready.get(0)).startsWith("ready eastus http://127.0.0.1:");
    assertThat(ready.get(1)).startsWith("ready global http://127.0.0.1:");
    assertThat(child.info().arguments().map(List::of).orElseThrow())
        .contains("dev.meridian.local.start.LaunchedChild", "--ephemeral");
    int challenge = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(ready.get(0).split(" ")[2] + "/v2/")).build(), BodyHandlers.discarding())
        .statusCode();
    assertThat(challenge).isEqualTo(401);

    launcher.destroy(); // SIGTERM to the launcher only, as `kill <pid>` sends it
    assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).isEqualTo(143);
    assertThat(child.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
  }

  @Test
  void start_withFastStartOff_runsInThisJvmThroughBootsLauncher() throws Exception {
    launcher = launch(List.of("-Dmeridian.fast-start=false"),
        "--ephemeral", "--port", "0", "--regions", regions().toString());

    List<String> ready = readyLines(launcher);

    assertThat(ready.get(ready.size() - 1)).startsWith("ready global http://127.0.0.1:");
    assertThat(launcher.children().toList()).isEmpty();
  }

  @Test
  void command_runsC1OnlyUnlessTheUserAsksForC2() {
    ExtractedLayout layout = ExtractedLayout.besideJar(jar);

    List<String> command = ChildJvm.command(layout, List.of("-XX:TieredStopAtLevel=4"), 42);

    // The JVM takes the last of a repeated option: the user's.
    assertThat(command).containsSubsequence("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4");
  }

  @Test
  void start_whenLauncherKilled_childStopsToo() throws Exception {
    launcher = launch("--ephemeral", "--port", "0", "--regions", regions().toString());
    readyLines(launcher);
    ProcessHandle child = onlyChild(launcher);

    launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs in the launcher

    assertThat(child.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(Files.readString(work.resolve("stderr.log"))).contains("is gone; stopping");
  }

  @Test
  void start_withBadFlag_exitsWithTheChildsStatusAndUsage() throws Exception {
    launcher = launch("--no-such-flag");

    assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(launcher.exitValue()).isEqualTo(2);
    assertThat(new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEmpty();
    assertThat(Files.readString(work.resolve("stderr.log")))
        .contains("meridian-local: ").contains("--data-dir");
  }

  @Test
  void start_withAShortBootstrapPassword_printsOneLineWithoutStackTrace() throws Exception {
    launcher = launch(Map.of("MERIDIAN_BOOTSTRAP_PASSWORD", "short"),
        "--ephemeral", "--port", "0", "--regions", regions().toString());

    assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(launcher.exitValue()).isEqualTo(1);
    String stderr = Files.readString(work.resolve("stderr.log"));
    assertThat(stderr).contains("meridian-local: a password needs at least 8 characters");
    assertThat(stderr).doesNotContain("\tat ").doesNotContain("IllegalArgumentException");
  }

  @Test
  void matching_whenJarRebuilt_isEmpty() throws Exception {
    assertThat(ExtractedLayout.matching(jar)).isPresent();

    Files.writeString(jar, "another build of the jar");

    assertThat(ExtractedLayout.matching(jar)).isEmpty();
  }

  @Test
  void command_putsTheArchiveBeforeTheUsersOptions() {
    ExtractedLayout layout = ExtractedLayout.besideJar(jar);

    List<String> command = ChildJvm.command(layout, List.of("-Xmx256m", "-Xshare:off"), 42);

    assertThat(command).containsSubsequence("-XX:SharedArchiveFile=" + layout.archive(),
        "-Xmx256m", "-Xshare:off", "-Dmeridian.launcher.pid=42", "-cp",
        layout.thinJar().toString(), ChildJvm.MAIN);
  }

  @Test
  void concernsThisJvm_forDebuggerAgentsAndRecordings_isTrue() {
    assertThat(ChildJvm.concernsThisJvm("-agentlib:jdwp=transport=dt_socket,address=5005"))
        .isTrue();
    assertThat(ChildJvm.concernsThisJvm("-javaagent:/opt/agent.jar")).isTrue();
    assertThat(ChildJvm.concernsThisJvm("-XX:StartFlightRecording=filename=a.jfr")).isTrue();
    assertThat(ChildJvm.concernsThisJvm("-Xmx256m")).isFalse();
  }

  private Process launch(String... args) throws IOException {
    return launch(Map.of(), List.of(), args);
  }

  private Process launch(Map<String, String> environment, String... args) throws IOException {
    return launch(environment, List.of(), args);
  }

  private Process launch(List<String> jvmOptions, String... args) throws IOException {
    return launch(Map.of(), jvmOptions, args);
  }

  private Process launch(Map<String, String> environment, List<String> jvmOptions,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + work));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(work.resolve("stderr.log").toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  private Path regions() throws IOException {
    return Files.writeString(work.resolve("regions"), "eastus aa\n");
  }

  /** Every stdout line up to {@code ready global}; the rest is drained. */
  private List<String> readyLines(Process process) throws IOException {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (String line; (line = out.readLine()) != null; ) {
      lines.add(line);
      if (line.startsWith("ready global ")) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain-stdout");
        drain.setDaemon(true);
        drain.start();
        return lines;
      }
    }
    throw new IllegalStateException("no ready line: " + lines + "\n"
        + Files.readString(work.resolve("stderr.log")));
  }

  private static ProcessHandle onlyChild(Process process) {
    List<ProcessHandle> children = process.children().toList();
    assertThat(children).hasSize(1);
    return children.get(0);
  }

  /**
   * A jar with only a manifest: this test's class path, {@code mainClass} if not null and the
   * {@code more} attributes.
   */
  private static void manifestJar(Path path, String mainClass, Map<String, String> more)
      throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    List<String> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toString());
    }
    main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    if (mainClass != null) {
      main.put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    more.forEach(main::putValue);
    try (OutputStream out = Files.newOutputStream(path);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.flush();
    }
  }
}

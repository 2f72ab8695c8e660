package dev.meridian.local.start;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime in a child JVM on the extracted layout, with the AppCDS archive, looking to users and
 * scripts like the JVM they started: the same JVM options, stdin/stdout/stderr inherited (so the
 * {@code ready} lines come as before), the child's exit status becomes the launcher's, and
 * SIGTERM/SIGINT/SIGHUP to the launcher run its shutdown hook, which sends SIGTERM to the child
 * (the runtime's own clean shutdown) and waits for it. If the launcher dies without its hook
 * ({@code kill -9}), the child notices within a second and stops too ({@link LaunchedChild}).
 */
public final class ChildJvm {

  /** {@code -Dmeridian.fast-start=false}: always start in this JVM. */
  static final String SWITCH = "meridian.fast-start";
  /** The child's main class. */
  static final String MAIN = "dev.meridian.local.start.LaunchedChild";
  /** The launcher's PID, given to the child so that it stops when the launcher is gone. */
  static final String LAUNCHER_PID = "meridian.launcher.pid";

  private final List<String> command;

  private ChildJvm(List<String> command) {
    this.command = command;
  }

  /**
   * The child for the jar {@code java -jar} runs, when the Maven build left a layout made from
   * exactly that jar with this JVM ({@link ExtractedLayout#matching}); empty when there is none,
   * when {@code -Dmeridian.fast-start=false}, or as {@link #of} says. Public: {@link JarMain}
   * (loaded from the jar's root) and {@link FastStart} (from {@code BOOT-INF/classes}) both ask.
   */
  public static Optional<ChildJvm> forRunningJar() {
    if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
      return Optional.empty();
    }
    return runningJar().flatMap(ExtractedLayout::matching).flatMap(ChildJvm::of);
  }

  /** The jar {@code java -jar} runs: then the class path is exactly that jar. */
  static Optional<Path> runningJar() {
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
      return Optional.empty();
    }
    Path jar = Path.of(classPath);
    return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
  }

  /**
   * The child for {@code layout}, with this JVM's own options (those before {@code -jar} on its
   * command line; {@code JDK_JAVA_OPTIONS} and {@code JAVA_TOOL_OPTIONS} reach the child through
   * the environment); empty when the platform does not tell this process's arguments.
   */
  static Optional<ChildJvm> of(ExtractedLayout layout) {
    Optional<String[]> arguments = ProcessHandle.current().info().arguments();
    if (arguments.isEmpty()) {
      return Optional.empty();
    }
    List<String> options = new ArrayList<>();
    for (String argument : arguments.get()) {
      if (argument.equals("-jar")) {
        break;
      }
      options.add(argument);
    }
    if (options.stream().anyMatch(ChildJvm::concernsThisJvm)) {
      return Optional.empty();
    }
    return Optional.of(new ChildJvm(command(layout, options, ProcessHandle.current().pid())));
  }

  /**
   * An option for this very JVM: a debugger's or profiler's agent, a flight recording. It is
   * already running in the launcher; a child would start a second one (a second debug port that
   * cannot bind, a second recording to the same file), so the runtime starts in-process instead.
   */
  static boolean concernsThisJvm(String option) {
    return option.startsWith("-agentlib:") || option.startsWith("-agentpath:")
        || option.startsWith("-javaagent:") || option.startsWith("-Xrunjdwp")
        || option.startsWith("-XX:StartFlightRecording");
  }

  /** The child's command line, options before the user's so that theirs win (-Xshare:off …). */
  static List<String> command(ExtractedLayout layout, List<String> jvmOptions, long launcherPid) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:SharedArchiveFile=" + layout.archive());
    // A mismatch (a touched lib/ jar) only disables the archive; the JVM's warning would go to
    // stdout, where scripts expect nothing but the ready lines.
    command.add("-Xlog:cds*=off");
    // C1 only: a start and a first push compile far less (docs/benchmarks.md "Start time" and
    // "Cold start"); SHA-256 then comes from BoringSSL (NativeSha256), as the JDK's is fast only
    // as C2 code. -XX:TieredStopAtLevel=4 among the user's options brings C2 back.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-D" + LAUNCHER_PID + "=" + launcherPid);
    command.add("-cp");
    command.add(layout.thinJar().toString());
    command.add(MAIN);
    return command;
  }

  /** Runs the child with {@code args} to its end; its exit status. */
  public int run(String[] args) throws Exception {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of(args));
    Process child = new ProcessBuilder(full).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (child.isAlive()) {
        child.destroy(); // SIGTERM: the child's own shutdown hook closes the runtime
        try {
          child.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "meridian-launcher-shutdown"));
    return child.waitFor();
  }
}

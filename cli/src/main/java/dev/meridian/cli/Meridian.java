package dev.meridian.cli;

import dev.meridian.cli.cmd.AuditCommand;
import dev.meridian.cli.cmd.BuildCommand;
import dev.meridian.cli.cmd.CompletionCommand;
import dev.meridian.cli.cmd.CopyCommand;
import dev.meridian.cli.cmd.EventsCommand;
import dev.meridian.cli.cmd.GcCommand;
import dev.meridian.cli.cmd.GrantCommand;
import dev.meridian.cli.cmd.QuotaCommand;
import dev.meridian.cli.cmd.UsageCommand;
import dev.meridian.cli.cmd.LoginCommand;
import dev.meridian.cli.cmd.LogoutCommand;
import dev.meridian.cli.cmd.ManifestCommand;
import dev.meridian.cli.cmd.PullCommand;
import dev.meridian.cli.cmd.PushCommand;
import dev.meridian.cli.cmd.RegionCommand;
import dev.meridian.cli.cmd.ReplicationCommand;
import dev.meridian.cli.cmd.RobotCommand;
import dev.meridian.cli.cmd.RepoCommand;
import dev.meridian.cli.cmd.RunCommand;
import dev.meridian.cli.cmd.TagCommand;
import dev.meridian.cli.cmd.TaskCommand;
import dev.meridian.cli.cmd.UserCommand;
import dev.meridian.cli.cmd.WebhookCommand;
import dev.meridian.cli.cmd.RetentionCommand;
import dev.meridian.cli.cmd.LockCommand;
import dev.meridian.cli.cmd.DeletedCommand;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code meridian}: the entry point (docs/cli.md). */
@Command(name = "meridian", mixinStandardHelpOptions = true, versionProvider = Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = "Meridian registry client: images, replication, webhooks, builds.")
// The subcommands are added in commandLine(), not listed here: picocli builds the model of every
// command it is given (reflection over ~100 classes of options), about 1 CPU s per run measured
// (docs/benchmarks.md); a run of one command builds only that one's.
public final class Meridian implements Runnable {

  private final Session session;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public Meridian(Session session) {
    this.session = session;
  }

  @Option(names = "--authfile", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Credential file (default: $REGISTRY_AUTH_FILE, $DOCKER_CONFIG/config.json, ~/.docker/config.json).")
  void authFile(Path path) {
    session.authFile(path);
  }

  @Option(names = "--plain-http", scope = ScopeType.INHERIT,
      description = "Use http:// for every registry (loopback registries always use it).")
  void plainHttp(boolean value) {
    session.plainHttp(value);
  }

  @Option(names = {"-r", "--registry"}, scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
      description = "Registry for commands that name no image (default: $MERIDIAN_REGISTRY).")
  void registry(String value) {
    session.registry(value);
  }

  @Override
  public void run() {
    spec.commandLine().usage(session.out());
  }

  /** The first argument that is not a global option or its value: the command's name, or null. */
  static String commandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return null;
      }
      if (!arg.startsWith("-")) {
        return arg;
      }
      if (arg.equals("--authfile") || arg.equals("-r") || arg.equals("--registry")) {
        i++; // its value
      }
    }
    return null;
  }

  public static void main(String[] args) {
    boolean terminal = System.console() != null;
    int code = run(args, System.out, System.err, System.in, System.getenv(), terminal);
    System.exit(code);
  }

  /** Runs one command line; returns the exit code. Tests call this directly. */
  public static int run(String[] args, OutputStream out, OutputStream err, InputStream in,
      Map<String, String> env, boolean terminal) {
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Session session = new Session(outWriter, errWriter, in, env, terminal);
    try {
      return commandLine(session, args).execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** The top-level commands in help order; "cp" is copy's alias. */
  private static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new java.util.LinkedHashMap<>();
    Class<?>[] all = {
        LoginCommand.class, LogoutCommand.class,
        PushCommand.class, PullCommand.class, CopyCommand.class,
        RepoCommand.class, TagCommand.class, ManifestCommand.class,
        RegionCommand.class, ReplicationCommand.class, EventsCommand.class,
        WebhookCommand.class, BuildCommand.class, RunCommand.class, TaskCommand.class,
        UserCommand.class, RobotCommand.class, GrantCommand.class, AuditCommand.class,
        GcCommand.class, UsageCommand.class, QuotaCommand.class,
        RetentionCommand.class, LockCommand.class, DeletedCommand.class,
        CompletionCommand.class};
    for (Class<?> type : all) {
      Command command = type.getAnnotation(Command.class);
      commands.put(command.name(), type);
      for (String alias : command.aliases()) {
        commands.put(alias, type);
      }
    }
    return commands;
  }

  /** Every command: help, completion and an unknown command's suggestions need them all. */
  static CommandLine commandLine(Session session) {
    return commandLine(session, new String[0]);
  }

  /**
   * The command line for {@code args}: the root with only the command they name (its own
   * subcommands come from its annotation), or with every command when they name none that is
   * known (root help, a typo, {@code completion}).
   */
  static CommandLine commandLine(Session session, String[] args) {
    SessionFactory factory = new SessionFactory(session);
    CommandLine cli = new CommandLine(Meridian.class, factory);
    Class<?> named = COMMANDS.get(commandName(args));
    if (named != null && named != CompletionCommand.class) {
      cli.addSubcommand(new CommandLine(named, factory));
    } else if (named != null || !java.util.Arrays.asList(args).stream().allMatch(a -> a.equals("-V") || a.equals("--version"))
        || args.length == 0) {
      new java.util.LinkedHashSet<>(COMMANDS.values()).forEach(type -> cli.addSubcommand(new CommandLine(type, factory)));
    }
    cli.setOut(session.out());
    cli.setErr(session.err());
    cli.setExecutionExceptionHandler(new Failures(session));
    cli.setParameterExceptionHandler(Failures::usage);
    cli.setExitCodeExceptionMapper(Failures::exitCode);
    return cli;
  }
}

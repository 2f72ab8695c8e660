package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command tree itself: help everywhere, version, completion, usage errors. */
class CommandLineTest {

  @TempDir Path work;

  @Test
  void help_onEveryCommand_printsUsageAndExitsZero() {
    CliRunner cli = new CliRunner(work.resolve("auth.json"), null);
    List<List<String>> commands = new ArrayList<>();
    collect(Meridian.commandLine(new Session(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()), java.io.InputStream.nullInputStream(), java.util.Map.of(), false)), new ArrayList<>(), commands);
    assertThat(commands).hasSizeGreaterThan(10);
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      CliRunner.Result r = cli.run(args.toArray(String[]::new));
      assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.describe()).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage: meridian");
    }
  }

  @Test
  void version_printsTheProjectVersion() {
    CliRunner.Result r = new CliRunner(work.resolve("auth.json"), null).run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).matches("(?s)meridian \\d+\\.\\d+\\.\\d+\\S* \\(Java .*");
  }

  @Test
  void completion_bash_printsACompletionFunctionForTheSubcommands() {
    CliRunner.Result r = new CliRunner(work.resolve("auth.json"), null).run("completion", "bash");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("complete -F").contains("replication");
  }

  @Test
  void unknownOption_isAUsageError_withExitCode2AndOneLine() {
    CliRunner.Result r = new CliRunner(work.resolve("auth.json"), null).run("tag", "list", "--bogus");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("USAGE: ").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void noRegistry_forACommandThatNeedsOne_isAUsageError() {
    CliRunner.Result r = new CliRunner(work.resolve("auth.json"), null).run("region", "list");
    assertThat(r.exit()).as(r.describe()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("USAGE: no registry: pass --registry HOST:PORT or set MERIDIAN_REGISTRY");
  }

  @Test
  void commandName_skipsGlobalOptionsAndTheirValues() {
    assertThat(Meridian.commandName(new String[] {"--authfile", "a.json", "-r", "h:1", "--plain-http", "push", "x"}))
        .isEqualTo("push");
    assertThat(Meridian.commandName(new String[] {"--authfile=a.json", "cp", "a", "b"})).isEqualTo("cp");
    assertThat(Meridian.commandName(new String[] {"--version"})).isNull();
  }

  /** Only the named command is built for a run; a name that is none is still a usage error. */
  @Test
  void unknownCommand_isAUsageError_withExitCode2() {
    CliRunner.Result r = new CliRunner(work.resolve("auth.json"), null).run("pusj", "a", "b");
    assertThat(r.exit()).as(r.describe()).isEqualTo(2);
    assertThat(r.err()).startsWith("USAGE: ").contains("'pusj'").contains("meridian --help");
  }

  private static void collect(CommandLine cmd, List<String> path, List<List<String>> into) {
    into.add(path);
    cmd.getSubcommands().forEach((name, sub) -> {
      if (name.equals(sub.getCommandName())) { // skip aliases
        List<String> next = new ArrayList<>(path);
        next.add(name);
        collect(sub, next, into);
      }
    });
  }
}

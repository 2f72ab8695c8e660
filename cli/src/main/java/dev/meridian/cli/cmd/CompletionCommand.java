package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian completion bash|zsh}: picocli's generated completion script. zsh runs the bash
 * script through {@code bashcompinit}, as picocli documents.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script.",
        "bash: source <(meridian completion bash)",
        "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(meridian completion zsh)"})
public final class CompletionCommand implements Runnable {

  enum Shell { bash, zsh }

  private final Session session;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh")
  Shell shell;

  CompletionCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    CommandLine root = spec.commandLine().getParent();
    session.out().print(AutoComplete.bash("meridian", root));
    session.out().flush();
  }
}

package dev.meridian.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the shell blocks of a Markdown page: fences tagged {@code sh}, {@code bash} or
 * {@code console}. Every fence must name its language ({@code text} for output, {@code json},
 * {@code java}, …): an untagged fence is an error, so a command can never hide in a block that
 * nothing runs.
 *
 * <p>An HTML comment right before a fence (only blank lines between) says how to run it:
 *
 * <pre>{@code
 * <!-- docs-test: skip reason="needs an AWS account" -->     never run here; the reason is required
 * <!-- docs-test: needs docker -->                           run when a Docker engine answers, else skipped and reported
 * <!-- docs-test: setup
 * mkdir -p app && echo 'FROM scratch' > app/Dockerfile
 * -->                                                        commands run before the block, hidden from readers
 * }</pre>
 */
public final class MarkdownBlocks {

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^\\s`]*).*$");
  private static final Pattern DIRECTIVE = Pattern.compile("^\\s*<!--\\s*docs-test:\\s*(.*?)\\s*(-->)?\\s*$");
  private static final Pattern SKIP = Pattern.compile("skip\\s+reason=\"([^\"]+)\"");
  private static final Pattern NEEDS = Pattern.compile("needs\\s+(docker)");
  private static final List<String> SHELL = List.of("sh", "bash", "console");

  private MarkdownBlocks() {}

  /** The shell blocks of {@code text}, the page {@code file}; throws on an untagged fence or a bad directive. */
  public static List<DocBlock> parse(String file, String text) {
    String[] lines = text.split("\n", -1);
    List<DocBlock> blocks = new ArrayList<>();
    Directive pending = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher directive = DIRECTIVE.matcher(line);
      if (directive.matches()) {
        int start = i;
        List<String> body = new ArrayList<>();
        if (directive.group(2) == null) {
          for (i++; i < lines.length && !lines[i].strip().equals("-->"); i++) {
            body.add(lines[i]);
          }
          if (i == lines.length) {
            throw new IllegalArgumentException(file + ":" + (start + 1) + ": docs-test comment is not closed");
          }
        }
        pending = Directive.parse(file, start + 1, directive.group(1), body);
        continue;
      }
      Matcher fence = FENCE.matcher(line);
      if (!fence.matches()) {
        if (!line.isBlank()) {
          pending = orphan(file, pending);
        }
        continue;
      }
      String language = fence.group(3);
      if (language.isEmpty()) {
        throw new IllegalArgumentException(file + ":" + (i + 1)
            + ": a fence without a language; tag it (sh to run it, text for output, json, …)");
      }
      int open = i;
      String marker = fence.group(2);
      List<String> body = new ArrayList<>();
      for (i++; i < lines.length && !lines[i].strip().startsWith(marker); i++) {
        body.add(lines[i]);
      }
      if (SHELL.contains(language)) {
        blocks.add(block(file, open + 1, language, fence.group(1).length(), body, pending));
      } else if (pending != null) {
        throw new IllegalArgumentException(file + ":" + pending.line + ": docs-test comment before a " + language + " block");
      }
      pending = null;
    }
    orphan(file, pending);
    return blocks;
  }

  private static Directive orphan(String file, Directive pending) {
    if (pending != null) {
      throw new IllegalArgumentException(file + ":" + pending.line + ": docs-test comment not right before a shell block");
    }
    return null;
  }

  private static DocBlock block(String file, int line, String language, int indent, List<String> body, Directive d) {
    List<String> commands = new ArrayList<>();
    List<Integer> commandLines = new ArrayList<>();
    boolean continued = false;
    for (int k = 0; k < body.size(); k++) {
      String text = body.get(k).length() >= indent && body.get(k).substring(0, indent).isBlank()
          ? body.get(k).substring(indent) : body.get(k).strip();
      if (language.equals("console")) {
        // A console block shows a session: "$ command" lines (and their "\" continuations) run,
        // everything else is the output the reader should expect.
        if (text.startsWith("$ ")) {
          text = text.substring(2);
        } else if (!continued) {
          continue;
        }
        continued = text.endsWith("\\");
      }
      commands.add(text);
      commandLines.add(line + 1 + k);
    }
    Directive none = new Directive(0, List.of(), "", "");
    Directive dir = d == null ? none : d;
    return new DocBlock(file, line, commands, commandLines, dir.setup, dir.line, dir.skipReason, dir.needs);
  }

  private record Directive(int line, List<String> setup, String skipReason, String needs) {

    static Directive parse(String file, int line, String head, List<String> body) {
      if (head.startsWith("setup")) {
        List<String> setup = new ArrayList<>();
        String rest = head.substring("setup".length()).strip();
        if (!rest.isEmpty()) {
          setup.add(rest);
        }
        setup.addAll(body);
        return new Directive(line, setup, "", "");
      }
      Matcher skip = SKIP.matcher(head);
      if (head.startsWith("skip")) {
        if (!skip.find()) {
          throw new IllegalArgumentException(file + ":" + line + ": docs-test skip needs reason=\"…\"");
        }
        return new Directive(line, List.of(), skip.group(1), "");
      }
      Matcher needs = NEEDS.matcher(head);
      if (needs.matches()) {
        return new Directive(line, List.of(), "", needs.group(1));
      }
      throw new IllegalArgumentException(file + ":" + line + ": unknown docs-test comment: " + head);
    }
  }
}

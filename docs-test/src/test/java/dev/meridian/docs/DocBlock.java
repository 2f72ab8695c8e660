package dev.meridian.docs;

import java.util.List;

/**
 * One fenced shell block of a Markdown page, with what the page's {@code docs-test} comment right
 * before it says about it.
 *
 * @param file the page, relative to the repository root (e.g. {@code docs/builds.md})
 * @param line the 1-based line of the opening fence
 * @param commands the block's command lines, in order; {@code commands.get(i)} is on line {@code line + 1 + i}
 *     for sh/bash blocks (a console block keeps only its {@code $ } lines, see {@link MarkdownBlocks})
 * @param commandLines the page line of each entry of {@code commands}
 * @param setup hidden setup commands from a {@code <!-- docs-test: setup ... -->} comment, run first
 * @param setupLine the page line of that comment, 0 without one
 * @param skipReason why the block does not run here, or {@code ""} when it runs
 * @param needs a tool the block needs, checked at run time ({@code docker}), or {@code ""}
 */
public record DocBlock(
    String file,
    int line,
    List<String> commands,
    List<Integer> commandLines,
    List<String> setup,
    int setupLine,
    String skipReason,
    String needs) {

  public DocBlock {
    commands = List.copyOf(commands);
    commandLines = List.copyOf(commandLines);
    setup = List.copyOf(setup);
    if (commands.size() != commandLines.size()) {
      throw new IllegalArgumentException("one page line per command");
    }
  }

  public boolean skipped() {
    return !skipReason.isEmpty();
  }

  /** {@code docs/builds.md:42}, as an editor opens it. */
  public String where() {
    return file + ":" + line;
  }
}

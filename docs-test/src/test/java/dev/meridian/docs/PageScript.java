package dev.meridian.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page's shell blocks as one bash script, so a variable a block sets (a run ID, a context)
 * is there for the next block, as for a reader pasting them in order into one shell. Remembers the
 * page line of every script line, so a failure names the line of the page.
 */
public final class PageScript {

  private final List<String> lines = new ArrayList<>();
  private final List<String> origins = new ArrayList<>();

  /**
   * @param prelude the test's helper functions (docs-prelude.sh)
   * @param blocks the page's blocks that run
   * @param rewrites literal text in the page → what the test uses instead (ports, the password)
   */
  public PageScript(String prelude, List<DocBlock> blocks, Map<Pattern, String> rewrites) {
    add("set -Eeuo pipefail", "(test)");
    for (String l : prelude.split("\n")) {
      add(l, "(docs-prelude.sh)");
    }
    for (DocBlock block : blocks) {
      add("__docs_block " + quote(block.where()), block.where());
      for (String l : block.setup()) {
        add(rewrite(l, rewrites), block.file() + ":" + block.setupLine() + " (docs-test setup)");
      }
      for (int i = 0; i < block.commands().size(); i++) {
        add(rewrite(block.commands().get(i), rewrites), block.file() + ":" + block.commandLines().get(i));
      }
    }
    add("__docs_block done", "(test)");
  }

  public String text() {
    return String.join("\n", lines) + "\n";
  }

  /** Where script line {@code n} (1-based, as bash's {@code $LINENO}) came from, e.g. {@code docs/builds.md:42}. */
  public String origin(int n) {
    return n >= 1 && n <= origins.size() ? origins.get(n - 1) : "script line " + n;
  }

  private void add(String line, String origin) {
    lines.add(line);
    origins.add(origin);
  }

  static String rewrite(String line, Map<Pattern, String> rewrites) {
    String out = line;
    for (Map.Entry<Pattern, String> r : rewrites.entrySet()) {
      out = r.getKey().matcher(out).replaceAll(Matcher.quoteReplacement(r.getValue()));
    }
    return out;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}

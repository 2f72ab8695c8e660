package dev.meridian.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * COPY and ADD (Dockerfile reference, "COPY", "ADD"): sources from the context (after {@code
 * .dockerignore}) or, with {@code --from}, from an earlier stage or a registry image; Go-style
 * globs; a directory source copies its contents; several sources need a destination ending in
 * {@code /}; a relative destination is under WORKDIR. Context files become root-owned, files from
 * another stage keep their owners, {@code --chown} and {@code --chmod} override both. ADD also
 * extracts a local tar (plain or gzip) into the destination; remote URLs are refused. The result
 * is the new layer's entries, with missing parent directories added.
 */
final class CopyInstruction {
  private static final Set<String> COPY_FLAGS = Set.of("from", "chown", "chmod", "link");
  private static final Set<String> ADD_FLAGS = Set.of("chown", "chmod", "link");
  private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*|^git@.*");

  /** Finds the tree that {@code --from=<stage|image>} names. */
  interface Sources {
    FileTree tree(String from);
  }

  private final BuildContext context;
  private final StageFiles files;
  private final Workspace workspace;
  private final char escape;

  CopyInstruction(BuildContext context, StageFiles files, Workspace workspace, char escape) {
    this.context = context;
    this.files = files;
    this.workspace = workspace;
    this.escape = escape;
  }

  private record Match(String path, FileNode node) {}

  Map<String, FileNode> run(Instruction i, StageState s, Sources sources) {
    boolean add = i.keyword().equals("ADD");
    for (String flag : i.flags().keySet()) {
      if (!(add ? ADD_FLAGS : COPY_FLAGS).contains(flag)) {
        throw BuildFailure.at(i, "unsupported flag --" + flag);
      }
    }
    if (i.args().startsWith("<<")) {
      throw BuildFailure.at(i, "here-documents are not supported");
    }
    Substitution sub = new Substitution(s.variables(), escape);
    List<String> words = new ArrayList<>();
    if (i.isJson()) {
      i.json().forEach(w -> words.add(sub.word(w)));
    } else {
      words.addAll(sub.words(i.args()));
    }
    if (words.size() < 2) {
      throw BuildFailure.at(i, i.keyword() + " needs at least one source and a destination");
    }
    String dest = words.get(words.size() - 1);
    List<String> srcs = words.subList(0, words.size() - 1);
    int[] owner = i.flag("chown") == null || i.flag("chown").isEmpty() ? null
        : Ownership.parse(sub.word(i.flag("chown")));
    Integer chmod = chmod(i);
    String from = i.flag("from") == null ? null : sub.word(i.flag("from"));
    FileTree tree = from == null ? context.tree() : sources.tree(from);

    List<Match> matches = new ArrayList<>();
    for (String src : srcs) {
      if (URL.matcher(src).matches()) {
        throw BuildFailure.at(i, (add ? "ADD" : "COPY") + " from a URL (" + src + ") is not "
            + "supported: the runner has no network policy for downloads; put the file in the "
            + "build context");
      }
      matches.addAll(find(i, tree, src, from));
    }
    boolean destIsDir = dest.endsWith("/") || dest.endsWith("/.") || dest.equals(".");
    if ((srcs.size() > 1 || matches.size() > 1) && !destIsDir) {
      throw BuildFailure.at(i, "with more than one source file, the destination must be a "
          + "directory and end with a /");
    }
    String absolute = dest.startsWith("/") ? dest : s.workingDir() + "/" + dest;
    FileTree names = files.names(s);
    String destPath = names.resolve(TreePaths.clean(absolute));
    FileNode existing = names.get(destPath);
    boolean intoDir = destIsDir || (existing != null && existing.isDir());

    Map<String, FileNode> out = new TreeMap<>();
    for (Match m : matches) {
      FileNode node = m.node();
      if (node.isDir()) {
        if (!destPath.isEmpty() && (!names.contains(destPath) || !names.get(destPath).isDir())) {
          out.put(destPath, adjust(node, owner, chmod));
        }
        String base = m.path();
        for (Map.Entry<String, FileNode> e : tree.under(base).entrySet()) {
          String rel = base.isEmpty() ? e.getKey() : e.getKey().substring(base.length() + 1);
          out.put(TreePaths.join(destPath, rel), adjust(e.getValue(), owner, chmod));
        }
      } else if (add && node.type() == FileNode.Type.FILE && isArchive(i, m.path(), node)) {
        FileTree extracted = extract(i, node);
        for (Map.Entry<String, FileNode> e : extracted.under("").entrySet()) {
          out.put(TreePaths.join(destPath, e.getKey()), adjust(e.getValue(), owner, chmod));
        }
      } else {
        String target = intoDir ? TreePaths.join(destPath, TreePaths.name(m.path())) : destPath;
        out.put(target, adjust(node, owner, chmod));
      }
    }
    addParents(i, out, names, owner);
    return out;
  }

  private List<Match> find(Instruction i, FileTree tree, String src, String from) {
    String cleaned = TreePaths.clean(src);
    List<Match> found = new ArrayList<>();
    if (PathPattern.hasMeta(cleaned)) {
      PathPattern pattern;
      try {
        pattern = PathPattern.compile(cleaned, false);
      } catch (IllegalArgumentException e) {
        throw BuildFailure.at(i, e.getMessage());
      }
      for (String path : tree.paths()) {
        if (!path.isEmpty() && pattern.matches(path)) {
          String resolved = tree.resolve(path);
          FileNode node = tree.get(resolved);
          if (node != null) {
            found.add(new Match(resolved, node));
          }
        }
      }
      if (found.isEmpty()) {
        throw BuildFailure.at(i, "no source files match '" + src + "'" + where(from));
      }
      return found;
    }
    String resolved = tree.resolve(cleaned);
    FileNode node = tree.get(resolved);
    if (node == null) {
      String hint = from == null && context.excluded(cleaned) ? " (excluded by .dockerignore)" : "";
      throw BuildFailure.at(i, "'" + src + "' not found" + where(from) + hint);
    }
    found.add(new Match(resolved, node));
    return found;
  }

  private static String where(String from) {
    return from == null ? " in the build context" : " in " + from;
  }

  private static FileNode adjust(FileNode node, int[] owner, Integer chmod) {
    FileNode n = owner == null ? node : node.owned(owner[0], owner[1]);
    return chmod == null || n.type() == FileNode.Type.SYMLINK ? n : n.withMode(chmod);
  }

  private static Integer chmod(Instruction i) {
    String value = i.flag("chmod");
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!value.matches("[0-7]{3,4}")) {
      throw BuildFailure.at(i, "--chmod=" + value + ": only octal modes are supported");
    }
    return Integer.parseInt(value, 8);
  }

  /**
   * Parents of new entries that the stage does not have yet become directories (0755, owned like
   * the copied files, as the reference says of "all new files and directories").
   */
  private static void addParents(Instruction i, Map<String, FileNode> out, FileTree names,
      int[] owner) {
    for (String path : new ArrayList<>(out.keySet())) {
      for (String p = TreePaths.parent(path); !p.isEmpty(); p = TreePaths.parent(p)) {
        if (out.containsKey(p)) {
          continue;
        }
        FileNode existing = names.get(p);
        if (existing != null) {
          if (!existing.isDir()) {
            throw BuildFailure.at(i, "cannot copy to /" + path + ": /" + p + " is not a directory");
          }
          break;
        }
        out.put(p, FileNode.dir(0755, owner == null ? 0 : owner[0], owner == null ? 0 : owner[1]));
      }
    }
  }

  /** Whether a local ADD source is a tar (plain or gzip); other compressions are refused. */
  private static boolean isArchive(Instruction i, String path, FileNode node) {
    try (InputStream in = Files.newInputStream(node.content())) {
      byte[] head = in.readNBytes(6);
      if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h'
          || head.length >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z'
          || head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5) {
        throw BuildFailure.at(i, "ADD cannot extract " + path + ": only tar and tar.gz archives "
            + "are supported (not bzip2, xz or zstd)");
      }
    } catch (IOException e) {
      throw BuildFailure.system("cannot read " + path, e);
    }
    try (InputStream raw = Files.newInputStream(node.content());
        InputStream in = TreeExtractor.maybeGunzip(raw)) {
      return new TarReader(in).next() != null;
    } catch (IOException e) {
      return false; // not a tar: ADD copies it like COPY
    }
  }

  private FileTree extract(Instruction i, FileNode archive) {
    FileTree tree = new FileTree();
    try (InputStream raw = Files.newInputStream(archive.content());
        InputStream in = TreeExtractor.maybeGunzip(raw)) {
      new TreeExtractor(workspace).extract(in, "the archive", tree, "", false, true, true);
    } catch (IOException e) {
      throw BuildFailure.at(i, "cannot extract archive: " + e.getMessage());
    }
    return tree;
  }
}

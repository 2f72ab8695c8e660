package dev.meridian.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The extracted build context: the files COPY and ADD may use (after {@code .dockerignore}),
 * and the Dockerfile's text. As BuildKit does, {@code <Dockerfile>.dockerignore} next to the
 * Dockerfile wins over the context root's {@code .dockerignore}. The Dockerfile and ignore file
 * are read before exclusion, so they may exclude themselves (the reference allows it).
 */
final class BuildContext {
  private static final long MAX_DOCKERFILE = 1024 * 1024;
  private final FileTree tree;
  private final String dockerfile;
  private final DockerIgnore ignore;

  private BuildContext(FileTree tree, String dockerfile, DockerIgnore ignore) {
    this.tree = tree;
    this.dockerfile = dockerfile;
    this.ignore = ignore;
  }

  static BuildContext load(ContextArchive archive, String dockerfilePath, Workspace workspace) {
    FileTree tree = new FileTree();
    try (InputStream raw = archive.open(); InputStream in = TreeExtractor.maybeGunzip(raw)) {
      new TreeExtractor(workspace).extract(in, "the context", tree, "", false, true, false);
    } catch (IOException e) {
      throw BuildFailure.at(0, "", "cannot read the build context: " + e.getMessage());
    }
    String path = TreePaths.clean(dockerfilePath);
    String text = read(tree, path);
    if (text == null) {
      throw BuildFailure.at(0, "", "no Dockerfile at '" + dockerfilePath + "' in the context");
    }
    String ignoreText = read(tree, path + ".dockerignore");
    if (ignoreText == null) {
      ignoreText = read(tree, ".dockerignore");
    }
    DockerIgnore ignore = ignoreText == null ? DockerIgnore.none() : DockerIgnore.parse(ignoreText);
    applyIgnore(tree, ignore);
    return new BuildContext(tree, text, ignore);
  }

  FileTree tree() {
    return tree;
  }

  String dockerfile() {
    return dockerfile;
  }

  boolean excluded(String path) {
    return ignore.excludes(path);
  }

  private static String read(FileTree tree, String path) {
    FileNode node = tree.get(path);
    if (node == null || node.type() != FileNode.Type.FILE) {
      return null;
    }
    if (node.size() > MAX_DOCKERFILE) {
      throw BuildFailure.at(0, "", path + " is larger than 1 MiB");
    }
    try {
      return Files.readString(node.content(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw BuildFailure.system("cannot read " + path + " from the context", e);
    }
  }

  /**
   * Removes excluded paths; a directory that an exception ({@code !pattern}) keeps something in
   * stays, like Docker's walk. Children come first in reverse path order.
   */
  private static void applyIgnore(FileTree tree, DockerIgnore ignore) {
    if (ignore.isEmpty()) {
      return;
    }
    List<String> paths = new ArrayList<>(tree.paths());
    for (int i = paths.size() - 1; i >= 0; i--) {
      String path = paths.get(i);
      if (path.isEmpty() || !tree.contains(path) || !ignore.excludes(path)) {
        continue;
      }
      FileNode node = tree.get(path);
      if (node.isDir() && !tree.under(path).isEmpty()) {
        continue;
      }
      tree.remove(path);
    }
  }
}

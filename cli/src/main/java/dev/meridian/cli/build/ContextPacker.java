package dev.meridian.cli.build;

import dev.meridian.cli.error.CliException;
import dev.meridian.cli.layout.Tar;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Packs a build context as the API takes it (a tar.gz, docs/builds.md): every regular file under
 * the directory except those {@code .dockerignore} excludes. The Dockerfile and
 * {@code .dockerignore} always go, as docker sends them: the builder needs them.
 */
public final class ContextPacker {

  private ContextPacker() {}

  /** Writes the context of {@code dir} to {@code target}; returns the number of files. */
  public static int pack(Path dir, String dockerfile, Path target) {
    if (!Files.isDirectory(dir)) {
      throw CliException.usage(dir + " is not a directory");
    }
    if (!Files.isRegularFile(dir.resolve(dockerfile))) {
      throw CliException.usage("no " + dockerfile + " in " + dir);
    }
    try {
      Path ignoreFile = dir.resolve(".dockerignore");
      IgnoreRules ignore = IgnoreRules.parse(Files.exists(ignoreFile) ? Files.readAllLines(ignoreFile) : List.of());
      List<String> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile)
            .map(p -> dir.relativize(p).toString().replace('\\', '/'))
            .filter(p -> p.equals(dockerfile) || p.equals(".dockerignore") || !ignore.excludes(p))
            .sorted().toList();
      }
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16)) {
        Tar.write(dir, files, out);
      }
      return files.size();
    } catch (IOException e) {
      throw CliException.io("packing " + dir + ": " + e.getMessage());
    }
  }
}

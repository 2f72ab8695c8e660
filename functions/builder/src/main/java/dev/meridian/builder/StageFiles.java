package dev.meridian.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * A stage's file system, rebuilt by applying its layers in order: names only (what exists, for
 * WORKDIR and COPY destinations) or with contents (for {@code COPY --from}). A base image's
 * layers are streamed from the registry once per need, never held in memory; contents go to the
 * workspace.
 */
final class StageFiles {
  private final BaseImageSource source;
  private final TreeExtractor extractor;

  StageFiles(BaseImageSource source, Workspace workspace) {
    this.source = source;
    this.extractor = new TreeExtractor(workspace);
  }

  /** The stage's names, built on first call and then kept up to date by {@link #added}. */
  FileTree names(StageState stage) {
    if (stage.names == null) {
      FileTree tree = new FileTree();
      for (ImageLayer layer : stage.layers) {
        apply(layer, tree, false);
      }
      stage.names = tree;
    }
    return stage.names;
  }

  /** Records a layer this build just added to {@code stage}. */
  static void added(StageState stage, Map<String, FileNode> entries) {
    if (stage.names != null) {
      entries.forEach(stage.names::put);
    }
  }

  FileTree materialize(List<ImageLayer> layers) {
    FileTree tree = new FileTree();
    for (ImageLayer layer : layers) {
      apply(layer, tree, true);
    }
    return tree;
  }

  private void apply(ImageLayer layer, FileTree tree, boolean content) {
    if (layer.mediaType().contains("zstd")) {
      throw new IllegalArgumentException("layer " + layer.digest()
          + " is zstd-compressed, which the builder cannot read");
    }
    try (InputStream raw = open(layer); InputStream in = TreeExtractor.maybeGunzip(raw)) {
      extractor.extract(in, (layer.file() == null ? "base layer " : "layer ") + layer.digest(), tree, "", true, content, true);
    } catch (IOException e) {
      throw new RegistryAccessException("cannot read layer " + layer.digest() + ": "
          + e.getMessage(), e);
    }
  }

  private InputStream open(ImageLayer layer) throws IOException {
    if (layer.file() != null) {
      return Files.newInputStream(layer.file());
    }
    return source.blob(layer.origin(), layer.digest()).orElseThrow(() ->
        new RegistryAccessException("layer " + layer.digest() + " of " + layer.origin()
            + " is missing"));
  }
}

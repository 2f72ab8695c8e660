package dev.meridian.builder;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Applies a tar stream to a {@link FileTree}, file contents going to workspace temp files: the
 * build context, {@code ADD}ed archives, and image layers (with OCI whiteouts, image-spec
 * layer.md: {@code .wh.<name>} deletes {@code <name>}, {@code .wh..wh..opq} empties its
 * directory of lower-layer content). With {@code content} false only names and metadata are kept
 * (enough to know what exists).
 */
final class TreeExtractor {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  private final Workspace workspace;

  TreeExtractor(Workspace workspace) {
    this.workspace = workspace;
  }

  /** Wraps {@code in} in gzip decompression when it starts with the gzip magic. */
  static InputStream maybeGunzip(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
    buffered.mark(2);
    int b1 = buffered.read();
    int b2 = buffered.read();
    buffered.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(buffered, 64 * 1024);
    }
    return buffered;
  }

  /**
   * Extracts {@code tar} ({@code source}: what it is, for budget messages) under {@code dir} of
   * {@code tree}, within the workspace's budget (checked as each header is read). {@code layer} applies whiteouts;
   * {@code keepOwners} false makes everything root-owned (the context: COPY writes 0:0).
   */
  void extract(InputStream tar, String source, FileTree tree, String dir, boolean layer,
      boolean content, boolean keepOwners) throws IOException {
    TarReader reader = new TarReader(tar, workspace.meter(), source);
    for (TarEntry e = reader.next(); e != null; e = reader.next()) {
      String path = TreePaths.join(dir, e.name());
      String name = TreePaths.name(e.name());
      if (layer && name.startsWith(WHITEOUT)) {
        String parent = TreePaths.parent(path);
        if (name.equals(OPAQUE)) {
          tree.clearChildren(parent);
        } else {
          tree.remove(TreePaths.join(parent, name.substring(WHITEOUT.length())));
        }
        continue;
      }
      int uid = keepOwners ? e.uid() : 0;
      int gid = keepOwners ? e.gid() : 0;
      if (e.type() == '5') {
        tree.put(path, FileNode.dir(e.mode(), uid, gid)); // an existing directory keeps children
      } else if (e.type() == '2') {
        tree.put(path, new FileNode(FileNode.Type.SYMLINK, 0777, uid, gid, 0, null, e.linkName()));
      } else if (e.type() == '1') {
        FileNode target = tree.get(TreePaths.join(dir, TreePaths.clean(e.linkName())));
        if (target != null && target.type() == FileNode.Type.FILE) {
          // A hard link becomes a copy: layers we write hold no links, and both names keep
          // the same bytes.
          tree.put(path, new FileNode(FileNode.Type.FILE, e.mode(), uid, gid, target.size(),
              target.content(), ""));
        }
      } else if (e.isFile()) {
        Path file = null;
        if (content && e.size() == 0) {
          file = workspace.emptyFile(); // one for all: many empty files cost no inodes
        } else if (content) {
          file = workspace.newFile(".f");
          try (OutputStream out = Files.newOutputStream(file)) {
            reader.content().transferTo(out);
          }
        }
        tree.put(path, new FileNode(FileNode.Type.FILE, e.mode(), uid, gid, e.size(), file, ""));
      }
      // Devices, FIFOs: nothing a build without a container engine can create or copy.
    }
  }
}

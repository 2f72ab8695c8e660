package dev.meridian.builder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A file system as a sorted map of cleaned paths to nodes (contents stay in temp files). The
 * root "" is always a directory. Used for the build context and for a stage's merged layers.
 */
final class FileTree {
  private static final int MAX_LINKS = 40; // Linux's MAXSYMLINKS
  private final TreeMap<String, FileNode> nodes = new TreeMap<>();

  FileTree() {
    nodes.put("", FileNode.dir(0755, 0, 0));
  }

  FileNode get(String path) {
    return nodes.get(path);
  }

  boolean contains(String path) {
    return nodes.containsKey(path);
  }

  /** Adds or replaces {@code path}, creating missing parents as 0755 root directories. */
  void put(String path, FileNode node) {
    if (path.isEmpty()) {
      if (node.isDir()) {
        nodes.put("", node);
      }
      return;
    }
    String parent = TreePaths.parent(path);
    FileNode existingParent = nodes.get(parent);
    if (existingParent == null || !existingParent.isDir()) {
      put(parent, FileNode.dir(0755, 0, 0));
    }
    FileNode old = nodes.get(path);
    if (old != null && old.isDir() && !node.isDir()) {
      remove(path); // a file replacing a directory replaces its contents too
    }
    nodes.put(path, node);
  }

  /** Removes {@code path} and everything under it. */
  void remove(String path) {
    if (path.isEmpty()) {
      clearChildren("");
      return;
    }
    nodes.remove(path);
    nodes.subMap(path + "/", true, path + "0", false).clear(); // '0' follows '/' in ASCII
  }

  void clearChildren(String dir) {
    if (dir.isEmpty()) {
      FileNode root = nodes.get("");
      nodes.clear();
      nodes.put("", root);
    } else {
      nodes.subMap(dir + "/", true, dir + "0", false).clear();
    }
  }

  /** {@code dir}'s descendants (not {@code dir}), in path order. */
  NavigableMap<String, FileNode> under(String dir) {
    return dir.isEmpty() ? nodes.tailMap("", false) : nodes.subMap(dir + "/", true, dir + "0", false);
  }

  Map<String, FileNode> all() {
    return nodes;
  }

  List<String> paths() {
    return new ArrayList<>(nodes.keySet());
  }

  /**
   * Follows symlinks in every component of {@code path} (the last one too), staying inside the
   * tree: an absolute target restarts at the root, as it would inside the container. Returns the
   * resolved path, whether or not it exists.
   */
  String resolve(String path) {
    Deque<String> pending = new ArrayDeque<>(List.of(TreePaths.clean(path).split("/")));
    String resolved = "";
    int hops = 0;
    while (!pending.isEmpty()) {
      String part = pending.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        resolved = TreePaths.parent(resolved);
        continue;
      }
      String candidate = resolved.isEmpty() ? part : resolved + "/" + part;
      FileNode node = nodes.get(candidate);
      if (node != null && node.type() == FileNode.Type.SYMLINK) {
        if (++hops > MAX_LINKS) {
          throw new IllegalArgumentException("too many levels of symbolic links: " + path);
        }
        String target = node.linkTarget();
        if (target.startsWith("/")) {
          resolved = "";
        }
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
          pending.addFirst(parts[i]);
        }
        continue;
      }
      resolved = candidate;
    }
    return resolved;
  }
}

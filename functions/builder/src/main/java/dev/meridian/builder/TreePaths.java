package dev.meridian.builder;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths inside a file tree: relative, {@code /}-separated, no {@code .} or {@code ..}, no leading
 * or trailing slash; the root is "". Cleaning confines a path to the root, as BuildKit does for
 * sources ({@code COPY ../x} means {@code x}) and as a tar layer's entries must be read.
 */
final class TreePaths {
  private TreePaths() {}

  static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  static String join(String dir, String name) {
    return clean(dir + "/" + name);
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** True when {@code path} is {@code dir} or inside it. */
  static boolean within(String path, String dir) {
    return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
  }
}

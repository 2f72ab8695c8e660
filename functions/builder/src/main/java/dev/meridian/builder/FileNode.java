package dev.meridian.builder;

import java.nio.file.Path;

/**
 * One entry of a file tree (a context, a stage's file system, a layer).
 *
 * @param type file, directory or symbolic link
 * @param mode permission bits incl. setuid/setgid/sticky ({@code 07777})
 * @param uid owner
 * @param gid group
 * @param size bytes of a file's content, 0 otherwise
 * @param content where a file's bytes are (a temp file of the build), null otherwise
 * @param linkTarget a symlink's target as written, "" otherwise
 */
record FileNode(Type type, int mode, int uid, int gid, long size, Path content, String linkTarget) {

  enum Type { FILE, DIR, SYMLINK }

  FileNode {
    mode &= 07777;
    linkTarget = linkTarget == null ? "" : linkTarget;
  }

  static FileNode dir(int mode, int uid, int gid) {
    return new FileNode(Type.DIR, mode, uid, gid, 0, null, "");
  }

  boolean isDir() {
    return type == Type.DIR;
  }

  FileNode owned(int newUid, int newGid) {
    return new FileNode(type, mode, newUid, newGid, size, content, linkTarget);
  }

  FileNode withMode(int newMode) {
    return new FileNode(type, newMode, uid, gid, size, content, linkTarget);
  }
}

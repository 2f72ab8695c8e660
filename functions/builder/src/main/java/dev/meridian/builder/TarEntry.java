package dev.meridian.builder;

/**
 * A tar header as read (POSIX ustar with pax and GNU long-name extensions applied).
 *
 * @param name the cleaned path, relative, without a trailing slash ("" is the root)
 * @param type the typeflag: '0' file, '1' hard link, '2' symlink, '5' directory, others kept
 * @param linkName a link's target as written
 */
record TarEntry(String name, char type, int mode, int uid, int gid, long size, String linkName) {
  boolean isFile() {
    return type == '0' || type == 0 || type == '7';
  }
}

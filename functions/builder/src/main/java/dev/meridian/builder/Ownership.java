package dev.meridian.builder;

/**
 * {@code --chown=user[:group]} without a container to look names up in: numeric ids, and the
 * name {@code root} (uid and gid 0, the same on every Linux image). A numeric user without a
 * group uses the uid as gid, as the reference says for {@code --chown}.
 */
final class Ownership {
  private Ownership() {}

  static int[] parse(String spec) {
    int colon = spec.indexOf(':');
    String user = colon < 0 ? spec : spec.substring(0, colon);
    String group = colon < 0 ? null : spec.substring(colon + 1);
    int uid = id(user, spec);
    int gid = group == null ? uid : id(group, spec);
    return new int[] {uid, gid};
  }

  private static int id(String name, String spec) {
    if (name.equals("root")) {
      return 0;
    }
    try {
      int id = Integer.parseInt(name);
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--chown=" + spec + ": only numeric ids and 'root' are "
          + "supported (names need the image's /etc/passwd, which the builder does not read)");
    }
  }
}

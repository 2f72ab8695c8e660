package dev.meridian.cli.http;

/**
 * Which repository a {@code /v2/} path is about, so a token fetched for it is reused for the next
 * request to the same repository (tokens are scoped per repository by the token spec).
 */
final class RepositoryKey {

  private static final String[] MARKERS = {"/blobs/", "/manifests/", "/tags/", "/referrers/"};

  private RepositoryKey() {}

  static String of(String path) {
    if (path == null || !path.startsWith("/v2/")) {
      return path == null ? "" : path;
    }
    String rest = path.substring(4);
    int end = -1;
    for (String marker : MARKERS) {
      int i = rest.lastIndexOf(marker);
      if (i > end) {
        end = i;
      }
    }
    return end < 0 ? "/v2/" + rest : rest.substring(0, end);
  }
}

package dev.meridian.core.manifest;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.oci.RepositoryName;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code n} / {@code last} of the tags list and catalog (distribution-spec "Listing Tags",
 * end-8b), and the {@code Link} header (RFC 8288) to the next page.
 *
 * <p>{@code n} absent: a page of {@link #MAX_PAGE}. {@code n} above that is clamped; the spec
 * allows fewer than {@code n} results when a {@code Link} header says more follow. {@code n=0}: an
 * empty list and no {@code Link} (spec). Negative or non-numeric {@code n}: 400. The spec allows only
 * its 14 codes and none is about query parameters; Meridian uses {@code UNSUPPORTED} with 400
 * (distribution v3 invents {@code PAGINATION_NUMBER_INVALID}, which clients do not know).
 *
 * <p>{@code last} is cut to {@link #MAX_LAST} characters, the longest entry either listing can
 * hold (a repository name; tags are shorter). Entries are ASCII and at most that long, so an entry
 * sorts after {@code last} exactly when it sorts after the cut value: the page is the same, and
 * the index key built from {@code last} stays within DynamoDB's documented 1024-byte sort-key
 * limit (a 2.7 KB {@code last} made a 2.7 KB {@code ExclusiveStartKey}; DynamoDB Local accepts
 * one, the service's key-size limit does not promise to).
 */
record Pagination(int limit, String last) {

  static final int MAX_PAGE = 1000;
  static final int MAX_LAST = RepositoryName.MAX_LENGTH;

  static Pagination from(HttpRequest request) {
    String n = request.query("n");
    String last = request.query("last");
    if (last != null && last.isEmpty()) {
      last = null;
    }
    last = cut(last);
    if (n == null || n.isEmpty()) {
      return new Pagination(MAX_PAGE, last);
    }
    int value;
    try {
      value = Integer.parseInt(n);
    } catch (NumberFormatException e) {
      value = n.matches("\\d+") ? Integer.MAX_VALUE : -1;
    }
    if (value < 0) {
      throw new RegistryException(ErrorKind.INVALID_INPUT,
          "invalid n: " + abbreviate(n) + " (a non-negative integer is required)");
    }
    return new Pagination(Math.min(value, MAX_PAGE), last);
  }

  /** {@code </path?n=<limit>&last=<lastItem>>; rel="next"}, with a relative URL as distribution. */
  String nextLink(String path, String lastItem) {
    return "<" + path + "?n=" + limit + "&last="
        + URLEncoder.encode(lastItem, StandardCharsets.UTF_8) + ">; rel=\"next\"";
  }

  /**
   * {@code last} cut to {@link #MAX_LAST} characters. A high surrogate left at the end would be
   * encoded as {@code ?} (ASCII, so ordering would change); U+FFFF, like it above every ASCII
   * character, takes its place.
   */
  static String cut(String last) {
    if (last == null || last.length() <= MAX_LAST) {
      return last;
    }
    String cut = last.substring(0, MAX_LAST);
    return Character.isHighSurrogate(cut.charAt(MAX_LAST - 1))
        ? cut.substring(0, MAX_LAST - 1) + '\uffff' : cut;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}

package dev.meridian.core.manifest;

import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
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
 */
record Pagination(int limit, String last) {

  static final int MAX_PAGE = 1000;

  static Pagination from(HttpRequest request) {
    String n = request.query("n");
    String last = request.query("last");
    if (last != null && last.isEmpty()) {
      last = null;
    }
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
      throw new RegistryException(OciErrorCode.UNSUPPORTED, 400,
          "invalid n: " + abbreviate(n) + " (a non-negative integer is required)");
    }
    return new Pagination(Math.min(value, MAX_PAGE), last);
  }

  /** {@code </path?n=<limit>&last=<lastItem>>; rel="next"}, with a relative URL as distribution. */
  String nextLink(String path, String lastItem) {
    return "<" + path + "?n=" + limit + "&last="
        + URLEncoder.encode(lastItem, StandardCharsets.UTF_8) + ">; rel=\"next\"";
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}

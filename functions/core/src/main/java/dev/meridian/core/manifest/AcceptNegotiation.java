package dev.meridian.core.manifest;

import java.util.List;
import java.util.Locale;

/**
 * Decides whether a stored manifest may be served to a client, given its {@code Accept} headers.
 *
 * <p>Meridian serves the stored bytes or nothing: it never converts between formats (the spec
 * requires byte-exact content, and CNCF distribution v3 dropped schema 1 conversion). It follows
 * distribution ({@code registry/handlers/manifests.go}), which answers 404 MANIFEST_UNKNOWN when
 * the client's {@code Accept} list excludes the stored type (e.g. an OCI index to a client that
 * accepts only Docker types), but is more lenient where distribution breaks simple clients:
 *
 * <ul>
 *   <li>no {@code Accept} header (curl, scripts) accepts anything — distribution 2.8 404s OCI
 *       manifests there;
 *   <li>{@code *}{@code /*}, {@code application/*} and {@code application/json} accept any manifest
 *       (every manifest type is JSON, RFC 6839 {@code +json});
 *   <li>a range with {@code q=0} is "not acceptable" (RFC 9110 §12.4.2) and ignored.
 * </ul>
 * Real clients (docker, skopeo, crane, jib, oras) list every type they understand, so they get
 * the stored type.
 */
final class AcceptNegotiation {
  private AcceptNegotiation() {}

  static boolean accepts(List<String> acceptHeaders, String mediaType) {
    boolean anyRange = false;
    for (String header : acceptHeaders) {
      for (String range : header.split(",")) {
        String[] parts = range.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
          continue;
        }
        anyRange = true;
        if (isZeroQuality(parts)) {
          continue;
        }
        if (type.equals("*/*") || type.equals("application/*") || type.equals("application/json")
            || type.equalsIgnoreCase(mediaType)) {
          return true;
        }
      }
    }
    return !anyRange;
  }

  private static boolean isZeroQuality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=") || p.startsWith("Q=")) {
        try {
          return Double.parseDouble(p.substring(2).trim()) == 0.0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }
}

package dev.meridian.core.builds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.http.HttpRequest;
import java.util.regex.Pattern;

/**
 * The commit a signed request to a task's HTTP trigger names (docs/builds.md "HTTP triggers"):
 * GitHub's {@code push} ({@code after}, {@code ref}; a branch deletion names none) and {@code
 * pull_request} ({@code pull_request.head.sha}, {@code .ref}) events, or any sender's {@code
 * {"commit": "<sha>", "ref": "<branch>"}}. GitHub's {@code ping} (sent when the hook is added)
 * and events without a commit start nothing.
 *
 * @param commit 7 to 64 hex digits, lower case; null: the request starts no run
 * @param ref the branch or ref, or null
 * @param why when {@code commit} is null, why nothing runs
 */
public record SourceCommit(String commit, String ref, String why) {
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/+-]{1,255}");
  private static final Pattern ZEROS = Pattern.compile("0+");

  public static SourceCommit of(HttpRequest request, JsonNode body) {
    String event = request.header("X-GitHub-Event");
    if ("ping".equals(event)) {
      return none("GitHub ping: the hook reaches the task");
    }
    String commit;
    String ref;
    if (body.has("pull_request")) {
      commit = text(body.at("/pull_request/head/sha"));
      ref = text(body.at("/pull_request/head/ref"));
    } else if (body.has("after")) {
      commit = text(body.get("after"));
      ref = text(body.get("ref"));
      if (body.path("deleted").asBoolean(false) || (commit != null && ZEROS.matcher(commit).matches())) {
        return none("the push deleted " + ref);
      }
    } else {
      commit = text(body.get("commit"));
      ref = text(body.has("ref") ? body.get("ref") : body.get("branch"));
    }
    if (commit == null) {
      return none((event == null ? "the request" : "GitHub event " + event)
          + " names no commit");
    }
    if (!SHA.matcher(commit).matches()) {
      throw new IllegalArgumentException("commit '" + commit + "' is not 7 to 64 hex digits");
    }
    if (ref != null && !REF.matcher(ref).matches()) {
      throw new IllegalArgumentException("ref '" + ref + "' has characters a ref may not");
    }
    return new SourceCommit(commit.toLowerCase(java.util.Locale.ROOT), ref, null);
  }

  private static SourceCommit none(String why) {
    return new SourceCommit(null, null, why);
  }

  private static String text(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
  }
}

package dev.meridian.cli.cmd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.RegistryClient;

/**
 * What {@code meridian lock} and {@code meridian deleted} name: {@code REPO} (a repository),
 * {@code REPO:TAG} or {@code REPO@DIGEST}, as {@code az acr repository update --image} takes them.
 */
record LifecycleTargets(String repository, String tag, String digest) {

  static LifecycleTargets parse(String text) {
    int at = text.indexOf('@');
    if (at > 0) {
      return new LifecycleTargets(text.substring(0, at), null, text.substring(at + 1));
    }
    int colon = text.lastIndexOf(':');
    if (colon > text.lastIndexOf('/') && colon > 0) {
      return new LifecycleTargets(text.substring(0, colon), text.substring(colon + 1), null);
    }
    if (text.isEmpty()) {
      throw CliException.usage("name a repository, REPO:TAG or REPO@DIGEST");
    }
    return new LifecycleTargets(text, null, null);
  }

  ObjectNode json() {
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("repository", repository);
    if (tag != null) {
      n.put("tag", tag);
    }
    if (digest != null) {
      n.put("digest", digest);
    }
    return n;
  }

  String query() {
    return "repository=" + RegistryClient.encode(repository)
        + (tag == null ? "" : "&tag=" + RegistryClient.encode(tag))
        + (digest == null ? "" : "&digest=" + RegistryClient.encode(digest));
  }
}

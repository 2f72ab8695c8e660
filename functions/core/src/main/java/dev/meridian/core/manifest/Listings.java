package dev.meridian.core.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.storage.ManifestRecord;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.Page;
import dev.meridian.core.storage.TagRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2/<name>/tags/list} (end-8a/b) and {@code GET /v2/_catalog}: lexically ordered
 * pages (the index keeps them sorted) with {@code Link} when more remain.
 */
final class Listings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MetadataIndex index;

  Listings(MetadataIndex index) {
    this.index = index;
  }

  HttpResponse tags(HttpRequest request, RepositoryName name) {
    Pagination p = Pagination.from(request);
    Page<String> page = p.limit() == 0
        ? new Page<>(List.of(), false)
        : pullableTags(name, p.last(), p.limit());
    if (page.items().isEmpty() && !repositoryExists(name)) {
      throw new RegistryException(ErrorKind.NAME_UNKNOWN, "repository not known: " + name);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name.value());
    page.items().forEach(body.putArray("tags")::add);
    return respond(body, page, p, "/v2/" + name.value() + "/tags/list");
  }

  /**
   * Live tags whose manifest the repository holds: a tag is listed exactly when a pull of it can
   * succeed. A tag can point at a manifest that is not in the repository when the manifest was
   * deleted by digest in another region while the tag was pushed (the delete tombstones only the
   * tags its region knew), or before the tag's manifest arrived here. Index pages are
   * read until {@code limit + 1} such tags are found or the tags end.
   */
  private Page<String> pullableTags(RepositoryName name, String last, int limit) {
    List<String> kept = new ArrayList<>();
    String after = last;
    while (true) {
      Page<TagRecord> records = index.listTagRecords(name, after, limit);
      Map<Digest, ManifestRecord> held = index.getManifests(name,
          records.items().stream().map(TagRecord::digest).distinct().toList());
      for (TagRecord t : records.items()) {
        if (held.containsKey(t.digest())) {
          kept.add(t.tag());
        }
        if (kept.size() > limit) {
          return new Page<>(kept.subList(0, limit), true);
        }
      }
      if (!records.truncated() || records.items().isEmpty()) {
        return new Page<>(kept, false);
      }
      after = records.items().get(records.items().size() - 1).tag();
    }
  }

  HttpResponse catalog(HttpRequest request) {
    Pagination p = Pagination.from(request);
    Page<String> page = p.limit() == 0
        ? new Page<>(List.of(), false)
        : index.listRepositories(p.last(), p.limit());
    ObjectNode body = JSON.createObjectNode();
    page.items().forEach(body.putArray("repositories")::add);
    return respond(body, page, p, "/v2/_catalog");
  }

  /**
   * Whether the catalog holds {@code name}: the first repository after a key just below it. The
   * key is the name with its last character decremented and followed by U+FFFF, which sorts after
   * every valid name that sorts before {@code name} (names are ASCII) — in Java and in DynamoDB's
   * UTF-8 byte order alike.
   */
  private boolean repositoryExists(RepositoryName name) {
    String v = name.value();
    String below = v.substring(0, v.length() - 1) + (char) (v.charAt(v.length() - 1) - 1) + '\uffff';
    List<String> first = index.listRepositories(below, 1).items();
    return !first.isEmpty() && first.get(0).equals(v);
  }

  private static HttpResponse respond(ObjectNode body, Page<String> page, Pagination p, String path) {
    HttpHeaders headers = new HttpHeaders().set("Content-Type", "application/json");
    if (page.truncated() && !page.items().isEmpty()) {
      headers.set("Link", p.nextLink(path, page.items().get(page.items().size() - 1)));
    }
    return new HttpResponse(200, headers, ResponseBody.of(body.toString().getBytes(
        java.nio.charset.StandardCharsets.UTF_8)));
  }
}

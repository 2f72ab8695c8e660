package dev.meridian.core.api;

import static dev.meridian.core.manifest.ManifestTestRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.manifest.ManifestTestRegistry;
import dev.meridian.core.manifest.TestManifests;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.MediaTypes;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.settings.RegistrySettings;
import dev.meridian.core.storage.TagRecord;
import dev.meridian.core.version.Version;
import org.junit.jupiter.api.Test;

/** end-8a/b (tags list, pagination, Link), tag moves, and the tag cache never serving stale. */
class TagApiTest {
  private final ManifestTestRegistry registry = new ManifestTestRegistry();
  private final Digest config = registry.seedBlob("app", "{}");
  private final String first = TestManifests.oci(config, "", registry.seedBlob("app", "one"));
  private final String second = TestManifests.oci(config, "", registry.seedBlob("app", "two"));

  private void push(String tag, String manifest) {
    assertThat(registry.put("/v2/app/manifests/" + tag, MediaTypes.OCI_MANIFEST, manifest).status())
        .isEqualTo(201);
  }

  private String digestOfTag(String tag) {
    return registry.get("/v2/app/manifests/" + tag).headers().first("Docker-Content-Digest");
  }

  @Test
  void listTags_returnsLiveTagsInLexicalOrder() {
    for (String t : new String[] {"b", "A", "a", "1.0"}) {
      push(t, first);
    }
    HttpResponse r = registry.get("/v2/app/tags/list");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().first("Content-Type")).isEqualTo("application/json");
    assertThat(text(r)).isEqualTo("{\"name\":\"app\",\"tags\":[\"1.0\",\"A\",\"a\",\"b\"]}");
    assertThat(r.headers().contains("Link")).isFalse();
  }

  @Test
  void listTags_withNAndLast_paginatesWithLinkUntilTheEnd() {
    for (String t : new String[] {"t1", "t2", "t3", "t4", "t5"}) {
      push(t, first);
    }
    HttpResponse page1 = registry.get("/v2/app/tags/list?n=2");
    assertThat(text(page1)).contains("[\"t1\",\"t2\"]");
    assertThat(page1.headers().first("Link")).isEqualTo("</v2/app/tags/list?n=2&last=t2>; rel=\"next\"");
    HttpResponse page3 = registry.get("/v2/app/tags/list?n=2&last=t4");
    assertThat(text(page3)).contains("[\"t5\"]");
    assertThat(page3.headers().contains("Link")).isFalse();
    HttpResponse exact = registry.get("/v2/app/tags/list?n=5");
    assertThat(exact.headers().contains("Link")).isFalse();
    assertThat(text(registry.get("/v2/app/tags/list?last=t3"))).contains("[\"t4\",\"t5\"]");
  }

  @Test
  void listTags_whenSomeTagsPointAtAManifestNotInTheRepository_omitsThem_andPagesStayFull() {
    // A tag whose manifest left the repository (deleted by digest in another region while the
    // tag was pushed) is not pullable, so it is not listed either.
    for (String t : new String[] {"a1", "b1", "b2", "b3", "c1"}) {
      push(t, t.startsWith("b") ? second : first);
    }
    Digest gone = Digest.parse(digestOfTag("b1"));
    registry.index.deleteManifest(RepositoryName.parse("app"), gone); // as replication does
    registry.endpoints.service().manifestDeleted(RepositoryName.parse("app"), gone);

    HttpResponse page1 = registry.get("/v2/app/tags/list?n=1");
    assertThat(text(page1)).contains("[\"a1\"]");
    assertThat(page1.headers().first("Link")).contains("last=a1");
    HttpResponse page2 = registry.get("/v2/app/tags/list?n=1&last=a1");
    assertThat(text(page2)).contains("[\"c1\"]");
    assertThat(page2.headers().contains("Link")).isFalse();
    assertThat(text(registry.get("/v2/app/tags/list"))).contains("[\"a1\",\"c1\"]");
    assertThat(registry.get("/v2/app/manifests/b2").status()).isEqualTo(404);
  }

  @Test
  void listTags_whenNIsZero_emptyListWithoutLink() {
    push("v1", first);
    HttpResponse r = registry.get("/v2/app/tags/list?n=0");
    assertThat(r.status()).isEqualTo(200);
    assertThat(text(r)).contains("\"tags\":[]");
    assertThat(r.headers().contains("Link")).isFalse();
  }

  @Test
  void listTags_whenNIsNegativeOrGarbage_400() {
    push("v1", first);
    assertThat(registry.get("/v2/app/tags/list?n=-1").status()).isEqualTo(400);
    assertThat(registry.get("/v2/app/tags/list?n=ten").status()).isEqualTo(400);
  }

  @Test
  void listTags_unknownRepository_404NameUnknown() {
    registry.seedBlob("apple", "x"); // a neighbour in the catalog must not count
    registry.seedBlob("ap", "x");
    HttpResponse r = registry.get("/v2/app2/tags/list");
    assertThat(r.status()).isEqualTo(404);
    assertThat(text(r)).contains("NAME_UNKNOWN");
    // a repository with blobs but no tags exists
    assertThat(registry.get("/v2/apple/tags/list").status()).isEqualTo(200);
  }

  @Test
  void put_sameTagAgain_movesTheTag() {
    push("latest", first);
    assertThat(digestOfTag("latest")).isEqualTo(TestManifests.digestOf(first).toString());
    push("latest", second);
    assertThat(digestOfTag("latest")).isEqualTo(TestManifests.digestOf(second).toString());
  }

  @Test
  void tagCache_afterPutAndDelete_neverStale() {
    push("latest", first);
    digestOfTag("latest"); // cached now
    push("latest", second);
    assertThat(digestOfTag("latest")).isEqualTo(TestManifests.digestOf(second).toString());
    registry.delete("/v2/app/manifests/latest");
    assertThat(registry.get("/v2/app/manifests/latest").status()).isEqualTo(404);
    push("latest", first);
    assertThat(digestOfTag("latest")).isEqualTo(TestManifests.digestOf(first).toString());
  }

  @Test
  void tagCache_whenIndexChangedElsewhere_servesCachedUntilTagChanged() {
    push("latest", first);
    Digest secondDigest = TestManifests.digestOf(second);
    registry.put("/v2/app/manifests/" + secondDigest, MediaTypes.OCI_MANIFEST, second);
    digestOfTag("latest");
    // replication applies a newer tag record from region "ab" directly to the index
    RepositoryName app = RepositoryName.parse("app");
    Version newer = new Version(registry.clock.millis() + 60_000, 0, new Seed("ab"));
    assertThat(registry.index.putTag(app, TagRecord.pointing("latest", secondDigest, newer))).isTrue();
    // without notification the process still holds the old resolution: proves the cache is in use
    assertThat(digestOfTag("latest")).isEqualTo(TestManifests.digestOf(first).toString());
    registry.endpoints.service().tagChanged(app, "latest");
    assertThat(digestOfTag("latest")).isEqualTo(secondDigest.toString());
  }

  @Test
  void put_afterNewerReplicatedTag_localPushStillWins() {
    Digest secondDigest = TestManifests.digestOf(second);
    registry.put("/v2/app/manifests/" + secondDigest, MediaTypes.OCI_MANIFEST, second);
    RepositoryName app = RepositoryName.parse("app");
    Version future = new Version(registry.clock.millis() + 3_600_000, 5, new Seed("ab"));
    registry.index.putTag(app, TagRecord.pointing("latest", secondDigest, future));
    registry.endpoints.service().tagChanged(app, "latest");
    push("latest", first);
    assertThat(digestOfTag("latest")).isEqualTo(TestManifests.digestOf(first).toString());
    assertThat(registry.index.getTag(app, "latest").get().version()).isGreaterThan(future);
  }

  @Test
  void tagCacheOff_readsIndexEveryTime() {
    ManifestTestRegistry uncached = new ManifestTestRegistry(
        RegistrySettings.defaults("meridian", "eastus", new Seed("aa")).withTagCache(false));
    Digest c = uncached.seedBlob("app", "{}");
    String a = TestManifests.oci(c, "", uncached.seedBlob("app", "one"));
    String b = TestManifests.oci(c, "", uncached.seedBlob("app", "two"));
    uncached.put("/v2/app/manifests/latest", MediaTypes.OCI_MANIFEST, a);
    uncached.put("/v2/app/manifests/" + TestManifests.digestOf(b), MediaTypes.OCI_MANIFEST, b);
    uncached.get("/v2/app/manifests/latest");
    uncached.index.putTag(RepositoryName.parse("app"), TagRecord.pointing("latest",
        TestManifests.digestOf(b), new Version(uncached.clock.millis() + 1000, 0, new Seed("ab"))));
    assertThat(uncached.get("/v2/app/manifests/latest").headers().first("Docker-Content-Digest"))
        .isEqualTo(TestManifests.digestOf(b).toString());
  }
}

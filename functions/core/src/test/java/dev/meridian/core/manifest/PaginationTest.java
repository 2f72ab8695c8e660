package dev.meridian.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.oci.RepositoryName;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaginationTest {
  private static HttpRequest get(String query) {
    return new HttpRequest("GET", "/v2/_catalog", query, new HttpHeaders(), null, 0, "h", "http");
  }

  @Test
  void from_whenNAbsent_maxPageAndNoLast() {
    assertThat(Pagination.from(get(""))).isEqualTo(new Pagination(Pagination.MAX_PAGE, null));
  }

  @Test
  void from_whenNTooLarge_clampedToMaxPage() {
    assertThat(Pagination.from(get("n=99999999999999")).limit()).isEqualTo(Pagination.MAX_PAGE);
    assertThat(Pagination.from(get("n=5&last=b")).limit()).isEqualTo(5);
  }

  @Test
  void from_whenNNegativeOrGarbage_400() {
    for (String q : new String[] {"n=-1", "n=abc", "n=1.5"}) {
      assertThatThrownBy(() -> Pagination.from(get(q)))
          .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void nextLink_encodesLastAndUsesRelNext() {
    assertThat(new Pagination(3, null).nextLink("/v2/_catalog", "a/b c"))
        .isEqualTo("</v2/_catalog?n=3&last=a%2Fb+c>; rel=\"next\"");
  }

  /** Found by HostileInputFuzzTest: a 2.7 KB {@code last} became an over-long DynamoDB key. */
  @Test
  void from_whenLastLongerThanAnyEntry_cutToTheLongestName() {
    String last = "a/" + "b".repeat(3000);

    String cut = Pagination.from(get("last=" + last)).last();

    assertThat(cut).isEqualTo(last.substring(0, RepositoryName.MAX_LENGTH));
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024 - 4);
  }

  @Test
  void cut_keepsTheOrderOfEveryPossibleEntry() {
    String name = "a".repeat(RepositoryName.MAX_LENGTH);
    String longer = name + "b";
    // An entry equal to the cut value is a prefix of last, so it is before last: not listed.
    assertThat(Pagination.cut(longer)).isEqualTo(name);
    // A high surrogate cut from its pair becomes U+FFFF, still above every ASCII entry.
    String surrogates = "a".repeat(RepositoryName.MAX_LENGTH - 1) + "\ud835\udd18";
    assertThat(Pagination.cut(surrogates)).endsWith("\uffff").hasSize(RepositoryName.MAX_LENGTH);
    assertThat(Pagination.cut("short")).isEqualTo("short");
  }
}

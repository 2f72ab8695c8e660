package dev.meridian.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpRequest;
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
}

package dev.meridian.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidatingCacheTest {

  @Test
  void putIfFresh_whenInvalidatedAfterStamp_doesNotInsert() {
    InvalidatingCache<String, String> cache = new InvalidatingCache<>(1000, String::length);
    long stamp = cache.stamp();
    cache.invalidate("k"); // a writer changed the truth after the reader loaded
    cache.putIfFresh("k", "old", stamp);
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void putIfFresh_whenNoInvalidation_insertsAndInvalidateRemoves() {
    InvalidatingCache<String, String> cache = new InvalidatingCache<>(1000, String::length);
    cache.putIfFresh("k", "v", cache.stamp());
    assertThat(cache.get("k")).isEqualTo("v");
    cache.invalidate("k");
    assertThat(cache.get("k")).isNull();
    assertThat(cache.weight()).isZero();
  }

  @Test
  void putIfFresh_overWeight_evictsLeastRecentlyUsed() {
    InvalidatingCache<String, String> cache = new InvalidatingCache<>(10, String::length);
    cache.putIfFresh("a", "aaaa", cache.stamp());
    cache.putIfFresh("b", "bbbb", cache.stamp());
    cache.get("a"); // a is now most recently used
    cache.putIfFresh("c", "cccc", cache.stamp());
    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isEqualTo("aaaa");
    assertThat(cache.get("c")).isEqualTo("cccc");
    assertThat(cache.weight()).isEqualTo(8);
  }

  @Test
  void putIfFresh_whenDisabledOrValueTooHeavy_keepsNothing() {
    InvalidatingCache<String, String> off = new InvalidatingCache<>(0, String::length);
    off.putIfFresh("k", "v", off.stamp());
    assertThat(off.get("k")).isNull();
    InvalidatingCache<String, String> small = new InvalidatingCache<>(3, String::length);
    small.putIfFresh("k", "four", small.stamp());
    assertThat(small.size()).isZero();
  }
}

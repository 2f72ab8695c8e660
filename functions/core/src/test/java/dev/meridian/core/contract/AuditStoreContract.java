package dev.meridian.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.audit.AuditEntry;
import dev.meridian.core.audit.AuditRecord;
import dev.meridian.core.audit.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour every {@link AuditStore} must have: records immutable under (origin, sequence), read
 * back byte-exact in sequence order after a cursor, chains kept apart, the head found, deletes.
 */
public abstract class AuditStoreContract {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private AuditStore store;

  protected abstract AuditStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  private static AuditRecord chainOf(String origin, int length) {
    AuditRecord r = null;
    for (int i = 0; i < length; i++) {
      r = AuditRecord.next(origin, r, T0.plusSeconds(i), new AuditEntry("alice", "image.push",
          201, "127.0.0.1", "team/app", "v" + i, "", "detail with \"quotes\" and ü"));
    }
    return r;
  }

  @Test
  void putIfAbsent_whenSequenceTaken_keepsTheFirst() {
    AuditRecord first = chainOf("eastus", 1);
    AuditRecord rival = AuditRecord.next("eastus", null, T0, new AuditEntry("bob", "x", 200,
        "", "", "", "", ""));
    assertThat(store.putIfAbsent(first)).isTrue();
    assertThat(store.putIfAbsent(rival)).isFalse();
    assertThat(store.last("eastus")).contains(first);
  }

  private static List<AuditRecord> records(String origin, int length) {
    List<AuditRecord> records = new ArrayList<>();
    AuditRecord r = null;
    for (int i = 0; i < length; i++) {
      r = AuditRecord.next(origin, r, T0.plusSeconds(i), new AuditEntry("a", "image.pull", 200,
          "10.0.0.1", "team/app", "v" + i, "", ""));
      records.add(r);
    }
    return records;
  }

  /** 230: more than one TransactWriteItems (100 items) holds. */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100, 230})
  void putInOrder_whenEveryKeyIsFree_storesThemAllInOrder(int count) {
    List<AuditRecord> records = records("eastus", count);

    assertThat(store.putInOrder(records)).isEqualTo(count);
    assertThat(store.read("eastus", 0, 300)).containsExactlyElementsOf(records);
  }

  @Test
  void putInOrder_whenAKeyIsTaken_storesThoseBeforeItAndStops() {
    List<AuditRecord> records = records("eastus", 5);
    AuditRecord rival = AuditRecord.next("eastus", records.get(1), T0, new AuditEntry("bob",
        "image.push", 201, "", "team/web", "", "", ""));
    store.putIfAbsent(rival); // sequence 3, as another writer of the region would

    assertThat(store.putInOrder(records)).isEqualTo(2);
    assertThat(store.read("eastus", 0, 10)).containsExactly(records.get(0), records.get(1),
        rival);
  }

  @Test
  void putInOrder_whenTheFirstKeyIsTaken_storesNothing() {
    List<AuditRecord> records = records("eastus", 3);
    store.putIfAbsent(records.get(0));

    assertThat(store.putInOrder(records)).isZero();
    assertThat(store.last("eastus")).contains(records.get(0));
  }

  @Test
  void putInOrder_whenEmpty_storesNothing() {
    assertThat(store.putInOrder(List.of())).isZero();
    assertThat(store.last("eastus")).isEmpty();
  }

  @Test
  void putInOrder_whenAKeyIsTakenInALaterGroup_countsExactly() {
    List<AuditRecord> records = records("eastus", 150);
    store.putIfAbsent(records.get(129)); // sequence 130: in the second group of 100

    assertThat(store.putInOrder(records)).isEqualTo(129);
    assertThat(store.read("eastus", 0, 300)).containsExactlyElementsOf(records.subList(0, 130));
  }

  @Test
  void read_whenManyRecords_returnsThemInSequenceOrderAfterTheCursor() {
    AuditRecord r = null;
    for (int i = 0; i < 12; i++) {
      r = AuditRecord.next("eastus", r, T0.plusSeconds(i), new AuditEntry("a", "image.pull", 200,
          "", "r", "", "", ""));
      store.putIfAbsent(r);
    }
    assertThat(store.read("eastus", 0, 5)).extracting(AuditRecord::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(store.read("eastus", 10, 5)).extracting(AuditRecord::sequence)
        .containsExactly(11L, 12L);
    assertThat(store.read("eastus", 2, 1).get(0).hashMatches()).isTrue();
    assertThat(store.last("eastus").orElseThrow().sequence()).isEqualTo(12);
  }

  @Test
  void last_whenChainsOfSeveralOrigins_keepsThemApart() {
    store.putIfAbsent(chainOf("eastus", 1));
    assertThat(store.last("westeurope")).isEmpty();
    assertThat(store.read("westeurope", 0, 10)).isEmpty();
  }

  @Test
  void delete_whenPresent_removesOnlyThatRecord() {
    AuditRecord one = chainOf("eastus", 1);
    AuditRecord two = AuditRecord.next("eastus", one, T0.plusSeconds(5), one.entry());
    store.putIfAbsent(one);
    store.putIfAbsent(two);
    store.delete("eastus", 1);
    store.delete("eastus", 7);
    assertThat(store.read("eastus", 0, 10)).containsExactly(two);
  }
}

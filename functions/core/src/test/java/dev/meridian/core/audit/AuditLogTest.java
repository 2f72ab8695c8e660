package dev.meridian.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.fakes.FailingAuditStore;
import dev.meridian.core.fakes.ForwardingAuditStore;
import dev.meridian.core.fakes.InMemoryAuditStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryAuditStore east = new InMemoryAuditStore();
  private final InMemoryAuditStore west = new InMemoryAuditStore();
  private final AuditLog eastLog = log("eastus", east, west, "westeurope");
  private final AuditLog westLog = log("westeurope", west, east, "eastus");

  private AuditLog log(String self, AuditStore local, AuditStore peer, String peerName) {
    return new AuditLog(self, local, Map.of(self, local, peerName, peer),
        new AuditSettings(1, Duration.ofDays(30)), clock);
  }

  private static AuditEntry push(String actor, String repository) {
    return new AuditEntry(actor, "image.push", 201, "10.0.0.1", repository, "v1",
        "sha256:" + "a".repeat(64), "");
  }

  @Test
  void append_whenSeveralRecords_chainsThemAndCopiesToEveryRegion() {
    AuditRecord first = eastLog.append(push("alice", "team/app"));
    clock.advance(Duration.ofSeconds(1));
    AuditRecord second = eastLog.append(push("bob", "team/web"));

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo(AuditRecord.GENESIS);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(west.read("eastus", 0, 10)).containsExactly(first, second);
    assertThat(westLog.verify()).allMatch(ChainReport::intact);
    assertThat(eastLog.verify().get(0).headHash()).isEqualTo(second.hash());
  }

  @Test
  void query_whenFiltered_returnsMatchesOfEveryRegionNewestFirst() {
    eastLog.append(push("alice", "team/app"));
    clock.advance(Duration.ofMinutes(1));
    westLog.append(push("alice", "team/web"));
    clock.advance(Duration.ofMinutes(1));
    eastLog.append(push("bob", "team/app"));

    List<AuditRecord> alice = eastLog.query(new AuditQuery(null, null, "alice", null, null, null,
        10));
    List<AuditRecord> app = westLog.query(new AuditQuery(null, null, null, "team/app", null, null,
        10));
    List<AuditRecord> window = eastLog.query(new AuditQuery(T0.plusSeconds(30),
        T0.plusSeconds(90), null, null, null, null, 10));

    assertThat(alice).extracting(r -> r.entry().repository())
        .containsExactly("team/web", "team/app");
    assertThat(app).extracting(r -> r.entry().actor()).containsExactly("bob", "alice");
    assertThat(window).extracting(AuditRecord::origin).containsExactly("westeurope");
  }

  @Test
  void verify_whenOneStoredRecordIsAltered_reportsThatRecord() {
    for (int i = 0; i < 5; i++) {
      eastLog.append(push("alice", "team/app" + i));
    }
    AuditRecord third = west.read("eastus", 2, 1).get(0);
    west.overwrite(new AuditRecord(third.origin(), third.sequence(), third.time(),
        push("mallory", third.entry().repository()), third.previousHash(), third.hash()));

    ChainReport report = westLog.verify().stream().filter(r -> r.origin().equals("eastus"))
        .findFirst().orElseThrow();

    assertThat(report.intact()).isFalse();
    assertThat(report.problems()).extracting(ChainReport.Problem::sequence).containsExactly(3L);
    assertThat(report.problems().get(0).reason()).contains("altered");
    assertThat(eastLog.verify()).allMatch(ChainReport::intact); // the other copy still holds
  }

  @Test
  void verify_whenARecordIsRehashedAfterEditing_reportsTheBrokenLink() {
    for (int i = 0; i < 4; i++) {
      eastLog.append(push("alice", "team/app"));
    }
    AuditRecord second = east.read("eastus", 1, 1).get(0);
    AuditRecord forged = AuditRecord.next("eastus", east.read("eastus", 0, 1).get(0),
        second.time(), push("mallory", "team/app"));
    east.overwrite(forged);

    ChainReport report = eastLog.verify().get(0);

    assertThat(report.problems()).extracting(ChainReport.Problem::sequence).containsExactly(3L);
    assertThat(report.problems().get(0).reason()).contains("previous hash");
  }

  @Test
  void verify_whenARecordIsRemoved_reportsTheGap() {
    for (int i = 0; i < 4; i++) {
      eastLog.append(push("alice", "team/app"));
    }
    east.delete("eastus", 2);

    assertThat(eastLog.verify().get(0).problems()).extracting(ChainReport.Problem::reason)
        .containsExactly("records 2 to 2 are missing");
  }

  @Test
  void append_whenAPeerWasDown_catchesItUpWithTheNextRecord() {
    AuditStore flaky = new FailingAuditStore(west).failNext(1);
    AuditLog log = new AuditLog("eastus", east, Map.of("westeurope", flaky),
        AuditSettings.defaults(), clock);
    log.append(push("alice", "a"));
    assertThat(west.last("eastus")).isEmpty();

    log.append(push("alice", "b"));

    assertThat(west.read("eastus", 0, 10)).extracting(AuditRecord::sequence)
        .containsExactly(1L, 2L);
  }

  @Test
  void append_whenAnotherWriterTookTheNextSequence_chainsAfterIt() {
    AuditLog other = log("eastus", east, west, "westeurope");
    eastLog.append(push("alice", "a"));
    other.append(push("bob", "b")); // a second instance of the same region
    AuditRecord third = eastLog.append(push("carol", "c"));

    assertThat(third.sequence()).isEqualTo(3);
    assertThat(eastLog.verify().get(0).intact()).isTrue();
  }

  @Test
  void prune_whenRecordsPassedRetention_removesThemAndTheRestStillVerifies() {
    eastLog.append(push("alice", "old"));
    clock.advance(Duration.ofDays(31));
    eastLog.append(push("alice", "new"));

    assertThat(eastLog.prune()).isEqualTo(1);
    ChainReport report = eastLog.verify().get(0);

    assertThat(report.firstSequence()).isEqualTo(2);
    assertThat(report.intact()).isTrue();
    assertThat(eastLog.query(new AuditQuery(null, null, null, null, null, null, 10)))
        .extracting(r -> r.entry().repository()).containsExactly("new");
  }

  private static List<AuditEntry> pulls(int count) {
    List<AuditEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(new AuditEntry("alice", "image.pull", 200, "10.0.0.1", "team/app", "v" + i,
          "", ""));
    }
    return entries;
  }

  @Test
  void appendAll_whenSeveralEntries_chainsThemInOrderAndCopiesThemToEveryRegion() {
    eastLog.append(push("alice", "team/app"));

    List<AuditRecord> records = eastLog.appendAll(pulls(5));

    assertThat(records).extracting(AuditRecord::sequence).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(records).extracting(r -> r.entry().reference())
        .containsExactly("v0", "v1", "v2", "v3", "v4");
    assertThat(east.read("eastus", 1, 10)).containsExactlyElementsOf(records);
    assertThat(west.read("eastus", 1, 10)).containsExactlyElementsOf(records);
    assertThat(westLog.verify()).allMatch(ChainReport::intact);
    assertThat(eastLog.appendAll(List.of())).isEmpty();
  }

  @Test
  void appendAll_whenAnotherWriterTakesASequenceMidway_chainsTheRestAfterIt() {
    AuditLog other = log("eastus", east, west, "westeurope"); // a second instance of the region
    AuditStore racing = new ForwardingAuditStore(east) {
      private boolean raced;

      @Override
      public int putInOrder(List<AuditRecord> records) {
        if (raced || records.size() < 3) {
          return super.putInOrder(records);
        }
        raced = true;
        int stored = super.putInOrder(records.subList(0, 2));
        other.append(push("bob", "team/web")); // takes the sequence the third record wanted
        return stored + super.putInOrder(records.subList(2, records.size()));
      }
    };
    AuditLog log = new AuditLog("eastus", racing, Map.of("westeurope", west),
        new AuditSettings(1, Duration.ofDays(30)), clock);

    List<AuditRecord> records = log.appendAll(pulls(4));

    assertThat(records).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 4L, 5L);
    assertThat(records).extracting(r -> r.entry().reference())
        .containsExactly("v0", "v1", "v2", "v3");
    assertThat(east.read("eastus", 0, 10)).extracting(r -> r.entry().actor())
        .containsExactly("alice", "alice", "bob", "alice", "alice");
    assertThat(eastLog.verify()).allMatch(ChainReport::intact);
    assertThat(westLog.verify()).allMatch(ChainReport::intact);
    assertThat(west.read("eastus", 0, 10)).hasSize(5);
  }

  @Test
  void appendAll_whenAPeerHoldsSomeRecordsAlready_copiesTheOthers() {
    AuditStore partlyCopied = new ForwardingAuditStore(west) {
      @Override
      public int putInOrder(List<AuditRecord> records) {
        if (records.size() > 2) {
          super.putIfAbsent(records.get(1)); // another instance's copy got there first
        }
        return super.putInOrder(records);
      }
    };
    AuditLog log = new AuditLog("eastus", east, Map.of("westeurope", partlyCopied),
        new AuditSettings(1, Duration.ofDays(30)), clock);

    log.appendAll(pulls(4));

    assertThat(west.read("eastus", 0, 10)).containsExactlyElementsOf(east.read("eastus", 0, 10))
        .hasSize(4);
  }

  @Test
  void prune_whenTheOldestKeptRecordCannotHaveExpired_readsNoPage() {
    eastLog.append(push("alice", "old"));
    clock.advance(Duration.ofDays(10));
    eastLog.append(push("alice", "new"));
    CountingReads counting = new CountingReads(east);
    AuditLog log = new AuditLog("eastus", counting, Map.of(), new AuditSettings(1,
        Duration.ofDays(30)), clock);
    assertThat(log.prune()).isZero(); // learns the oldest record's time
    counting.reads = 0;

    assertThat(log.prune()).isZero();
    assertThat(counting.reads).isZero();
    clock.advance(Duration.ofDays(21));
    assertThat(log.prune()).isEqualTo(1);
    assertThat(log.verify().get(0).firstSequence()).isEqualTo(2);
  }


  private static final class CountingReads extends ForwardingAuditStore {
    int reads;

    CountingReads(AuditStore inner) {
      super(inner);
    }

    @Override
    public List<AuditRecord> read(String origin, long afterSequence, int limit) {
      reads++;
      return super.read(origin, afterSequence, limit);
    }
  }
}

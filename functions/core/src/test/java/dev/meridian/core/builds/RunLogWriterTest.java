package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.contract.MutableClock;
import dev.meridian.core.fakes.InMemoryObjectStore;
import dev.meridian.core.naming.Seed;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The run log's budget (meridian.builds.max-log-bytes) and its coalesced writes. */
class RunLogWriterTest {
  private static final RunId ID = new RunId(new Seed("aa"), 1);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RunLogs logs = new RunLogs(new InMemoryObjectStore("meridian-eastus"));

  @Test
  void accept_pastTheBudget_cutsTheLogWithOneLine_butTheOutcomeIsAlwaysWritten() {
    RunLogWriter log = new RunLogWriter(logs, ID, clock, 300);

    for (int i = 0; i < 1000; i++) {
      log.accept("#" + i + " [stage] line " + i + ": ENV a=b");
    }
    log.finish("run aa1 Succeeded");

    String text = logs.read(ID).orElseThrow();
    assertThat(text).contains("#0 [stage]", "log cut: it exceeds the budget of 300 bytes"
        + " (meridian.builds.max-log-bytes); the run goes on").doesNotContain("#999");
    assertThat(text).endsWith("run aa1 Succeeded\n");
    assertThat(text.length()).isLessThan(300 + 200);
  }

  @Test
  void accept_withinASecond_writesTheFirstLineAtOnce_andTheRestAtTheNextSecondOrTheEnd() {
    RunLogWriter log = new RunLogWriter(logs, ID, clock, 1 << 20);

    log.accept("started");
    log.accept("second");
    assertThat(logs.read(ID).orElseThrow()).contains("started").doesNotContain("second");
    clock.advance(Duration.ofSeconds(1));
    log.accept("third");
    assertThat(logs.read(ID).orElseThrow()).contains("second", "third");
    log.accept("fourth");
    log.finish("run aa1 Failed");
    assertThat(logs.read(ID).orElseThrow()).contains("fourth").endsWith("run aa1 Failed\n");
    log.accept("a late line from a build thread that stopped after the outcome");
    assertThat(logs.read(ID).orElseThrow()).endsWith("run aa1 Failed\n");
  }
}

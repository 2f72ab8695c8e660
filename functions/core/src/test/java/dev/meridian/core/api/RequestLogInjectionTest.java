package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.api.RegistrySettings.BlobDelivery;
import dev.meridian.core.blob.BlobApiHarness;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An unauthenticated {@code %0a} in a path once wrote a forged log line: the
 * refusal line carries the decoded path. Every client-chosen value in it is escaped now. Core
 * logs through {@code System.Logger}, which is JUL in core's tests, so a JUL handler sees the line.
 */
class RequestLogInjectionTest {
  private final Logger jul = Logger.getLogger(RegistryHttpApi.class.getName());
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    private final SimpleFormatter format = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      lines.add(format.formatMessage(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void capture() {
    jul.addHandler(capture);
  }

  @AfterEach
  void release() {
    jul.removeHandler(capture);
  }

  @Test
  void refusedRequest_whenPathHasLineBreaks_logsOneEscapedLine() {
    BlobApiHarness h = new BlobApiHarness(BlobDelivery.STREAM);

    h.send("GET", "/v2/a\n12:00:00.000 ERROR forged - admin password reset\r/manifests/x", null);

    assertThat(lines).isNotEmpty();
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("/v2/a\\n12:00:00.000 ERROR"));
  }
}

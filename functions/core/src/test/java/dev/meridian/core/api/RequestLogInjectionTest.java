package dev.meridian.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.meridian.core.blob.BlobApiHarness;
import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An unauthenticated {@code %0a} in a path once wrote a forged log line: the
 * refusal line carries the decoded path. Every client-chosen value in it is escaped now. Core
 * logs through {@code System.Logger}, which reaches logback in core's tests as in the runtimes
 * (slf4j-jdk-platform-logging), so a logback appender sees the line; the refusal is INFO, below
 * the tests' console level, so the test turns this logger up while it runs.
 */
class RequestLogInjectionTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(RegistryHttpApi.class.getName());
  private final ListAppender<ILoggingEvent> capture = new ListAppender<>();
  private Level previous;

  @BeforeEach
  void capture() {
    capture.start();
    previous = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false); // captured here, not printed
    logger.addAppender(capture);
  }

  @AfterEach
  void release() {
    logger.detachAppender(capture);
    logger.setAdditive(true);
    logger.setLevel(previous);
  }

  @Test
  void refusedRequest_whenPathHasLineBreaks_logsOneEscapedLine() {
    BlobApiHarness h = new BlobApiHarness(BlobDelivery.STREAM);

    h.send("GET", "/v2/a\n12:00:00.000 ERROR forged - admin password reset\r/manifests/x", null);

    List<String> lines = capture.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("/v2/a\\n12:00:00.000 ERROR"));
  }
}

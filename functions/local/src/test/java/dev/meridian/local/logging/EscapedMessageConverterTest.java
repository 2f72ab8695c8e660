package dev.meridian.local.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The runtime's logback.xml escapes control characters in every message: a
 * value with a line break in it cannot start a second, forged, line.
 */
class EscapedMessageConverterTest {

  @Test
  void runtimeConfiguration_whenMessageHasLineBreaks_writesOneLine() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try (InputStream config = getClass().getResourceAsStream("/logback.xml")) {
      configurator.doConfigure(config);
    }
    // A new encoder in the configured context: the context's conversion rules apply to it.
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
    capture.setContext(context);
    capture.setEncoder(encoder);
    capture.setOutputStream(out);
    capture.start();
    ch.qos.logback.classic.Logger logger = context.getLogger("dev.meridian.local.test");
    logger.detachAndStopAllAppenders();
    logger.setAdditive(false);
    logger.addAppender(capture);
    logger.setLevel(Level.INFO);

    logger.info("GET {} -> 404", "/v2/a\n12:00:00.000 ERROR forged - admin\r\u001b[2J");
    context.stop();

    String written = out.toString(StandardCharsets.UTF_8);
    assertThat(written.strip()).doesNotContain("\n").doesNotContain("\r")
        .contains("/v2/a\\n12:00:00.000 ERROR forged - admin\\r\\u001b[2J -> 404");
  }
}

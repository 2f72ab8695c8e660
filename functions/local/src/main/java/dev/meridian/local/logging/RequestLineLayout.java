package dev.meridian.local.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import dev.meridian.core.http.LogText;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The request log's layout (logback.xml, logger {@code dev.meridian.requests}): a message marked
 * {@link #JSON_DOCUMENT} is the whole line — one JSON object with its own time and level, as log
 * shippers and {@code jq} read it ({@code MERIDIAN_LOG_FORMAT=json}, docs/operations.md "Logs");
 * any other message is laid out with {@code pattern}, the runtime's usual one. A prefix before
 * the JSON made every line unreadable as JSON. Control characters are escaped either way ({@link
 * LogText}); inside a JSON string an escape is a valid JSON escape, so the line stays valid.
 */
public final class RequestLineLayout extends LayoutBase<ILoggingEvent> {
  /** Marks a message that is a complete JSON document. */
  public static final Marker JSON_DOCUMENT = MarkerFactory.getMarker("JSON_DOCUMENT");

  private final PatternLayout text = new PatternLayout();
  private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

  /** The pattern of lines that are not JSON documents (logback.xml {@code <pattern>}). */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  @Override
  public void start() {
    text.setContext(getContext()); // the context's conversion rules: %msg escapes
    text.setPattern(pattern);
    text.start();
    super.start();
  }

  @Override
  public void stop() {
    text.stop();
    super.stop();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    if (event.getMarkerList() != null && event.getMarkerList().contains(JSON_DOCUMENT)) {
      return LogText.escape(event.getFormattedMessage()) + CoreConstants.LINE_SEPARATOR;
    }
    return text.doLayout(event);
  }
}

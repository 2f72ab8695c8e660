package dev.meridian.local.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.meridian.core.http.LogText;

/**
 * Logback's {@code %msg} with control characters escaped ({@link LogText}): whatever a log call
 * puts in its message (a request path, a webhook address, a library's text), it stays on one
 * line, so a client cannot forge log lines. Stack traces ({@code %ex}) are
 * printed as usual, on lines of their own.
 */
public final class EscapedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return LogText.escape(super.convert(event));
  }
}

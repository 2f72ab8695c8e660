package dev.meridian.core.fakes;

import dev.meridian.core.events.PublishCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An in-memory publish cursor; passes {@code PublishCursorContract}. */
public final class InMemoryPublishCursor implements PublishCursor {
  private long position;
  private String token;
  private Instant until;

  @Override
  public synchronized Optional<Claim> claim(Instant now, Duration lease) {
    if (token != null && until.isAfter(now)) {
      return Optional.empty();
    }
    token = UUID.randomUUID().toString();
    until = now.plus(lease);
    return Optional.of(new Claim(position, token));
  }

  @Override
  public synchronized boolean complete(Claim claim, long next) {
    if (token == null || !token.equals(claim.token())) {
      return false;
    }
    position = next;
    token = null;
    until = null;
    return true;
  }
}

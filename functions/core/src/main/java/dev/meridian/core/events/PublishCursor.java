package dev.meridian.core.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: how far the region's event log is published to its {@link EventBus}, and who is
 * publishing now. A publisher first claims the cursor for a lease (a conditional write: only one
 * live claim at a time), publishes the events after its position, then moves the position by a
 * second conditional write that holds only while its claim does. So two publishers running at
 * once — a Lambda retry, the stream trigger and the schedule together — never both send an
 * event; only a publisher that dies between the bus accepting a batch and the second write
 * leaves it to be sent again once its lease has passed. Implementations pass {@code
 * PublishCursorContract}.
 */
public interface PublishCursor {

  /**
   * A live claim.
   *
   * @param position the last sequence published: the claimant publishes the events after it
   * @param token identifies this claim for {@link #complete}
   */
  record Claim(long position, String token) {}

  /** Claims the cursor until {@code now + lease}; empty while another claim is live. */
  Optional<Claim> claim(Instant now, Duration lease);

  /**
   * Moves the position to {@code next} (≥ the claim's position) and ends the claim; false, and no
   * change, when the claim is no longer held (its lease passed and another publisher claimed).
   */
  boolean complete(Claim claim, long next);
}

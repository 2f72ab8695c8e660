package dev.meridian.core.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes a region's event log to its {@link EventBus}, every entry whatever its action, once
 * (docs/events.md "EventBridge"): a batch at a time under a {@link PublishCursor} claim, in log
 * order. Entries the bus refuses are sent again (only they) up to {@value #ATTEMPTS} times; one
 * still refused stops the run at that entry — the cursor moves to just before it and the call
 * throws, so the platform retries — and the accepted entries after it in the same batch are the
 * only ones that can reach the bus twice (consumers can drop them by {@code detail.id}).
 */
public final class EventPublisher {
  private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());
  static final int ATTEMPTS = 3;
  private static final int BATCHES_PER_RUN = 100;

  private final EventLog log;
  private final PublishCursor cursor;
  private final EventBus bus;
  private final Duration lease;
  private final Clock clock;

  /** @param lease how long one batch may take before another publisher may take over */
  public EventPublisher(EventLog log, PublishCursor cursor, EventBus bus, Duration lease,
      Clock clock) {
    this.log = log;
    this.cursor = cursor;
    this.bus = bus;
    this.lease = lease;
    this.clock = clock;
  }

  /**
   * What one run did.
   *
   * @param published events the bus accepted
   * @param position the cursor's position after the run
   * @param busy whether another publisher held the cursor (it publishes what this run left)
   */
  public record Report(int published, long position, boolean busy) {}

  /** Publishes everything after the cursor, up to {@value #BATCHES_PER_RUN} batches. */
  public Report publishPending() {
    int published = 0;
    long position = 0;
    for (int i = 0; i < BATCHES_PER_RUN; i++) {
      Optional<PublishCursor.Claim> claim = cursor.claim(clock.instant(), lease);
      if (claim.isEmpty()) {
        return new Report(published, position, true);
      }
      PublishCursor.Claim c = claim.get();
      position = c.position();
      List<RegistryEvent> batch = log.readAfter(c.position(), EventBus.MAX_BATCH);
      if (batch.isEmpty()) {
        cursor.complete(c, c.position());
        break;
      }
      Sent sent = send(batch);
      published += sent.accepted();
      if (!cursor.complete(c, sent.through())) {
        // Our lease passed while the bus was slow: another publisher owns the cursor now and
        // sends this batch again from its own position.
        LOG.log(Level.WARNING, "event publishing lease lost after sequence {0}", sent.through());
        return new Report(published, sent.through(), true);
      }
      position = sent.through();
      if (sent.refusal() != null) {
        throw new IllegalStateException("event bus refused event " + sent.refusedId() + " "
            + ATTEMPTS + " times: " + sent.refusal());
      }
      if (batch.size() < EventBus.MAX_BATCH) {
        break;
      }
    }
    return new Report(published, position, false);
  }

  /**
   * @param through the sequence up to which every event is accepted
   * @param refusal why the first refused event was refused, null when none was
   */
  private record Sent(int accepted, long through, String refusal, String refusedId) {}

  private Sent send(List<RegistryEvent> batch) {
    List<RegistryEvent> pending = batch;
    List<String> refusals = List.of();
    List<RegistryEvent> accepted = new ArrayList<>();
    for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
      refusals = bus.publish(pending);
      List<RegistryEvent> again = new ArrayList<>();
      List<String> why = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        if (refusals.get(i) == null) {
          accepted.add(pending.get(i));
        } else {
          again.add(pending.get(i));
          why.add(refusals.get(i));
        }
      }
      pending = again;
      refusals = why;
    }
    if (pending.isEmpty()) {
      return new Sent(accepted.size(), batch.get(batch.size() - 1).sequence(), null, null);
    }
    RegistryEvent first = pending.get(0);
    LOG.log(Level.WARNING, "event bus refused event {0} (sequence {1}) {2} times: {3}",
        first.id(), first.sequence(), ATTEMPTS, refusals.get(0));
    return new Sent(accepted.size(), first.sequence() - 1, refusals.get(0), first.id());
  }
}

package dev.meridian.core.events;

import java.util.List;
import java.util.Optional;

/**
 * Port: one region's ordered event log (DynamoDB in production). Every change that becomes
 * visible in the region — a local push or delete, an arrival from a peer — and every {@code
 * replicated} completion is appended after it is durable. Implementations pass {@code
 * EventLogContract}.
 *
 * <p>A DynamoDB adapter can keep {@code pk=event, sk=<20-digit sequence>} items, a {@code
 * pk=event-id#<id>} guard item and a counter item, and append with one TransactWriteItems: put
 * the guard if absent, update the counter from n to n+1 conditionally, put the event at n+1;
 * a failed guard condition means "already appended" (read the guard for its sequence), a failed
 * counter condition means "retry with the new n".
 */
public interface EventLog {

  /**
   * Appends {@code draft} (its sequence is ignored) with the next sequence — strictly greater than
   * every sequence already in the log — unless an event with the same id is already there.
   * Exactly one of any number of concurrent or repeated appends of one id succeeds.
   */
  Appended append(RegistryEvent draft);

  /** Events with a sequence greater than {@code afterSequence}, ascending, at most {@code limit}. */
  List<RegistryEvent> readAfter(long afterSequence, int limit);

  /** The event with {@code id}, if it was appended. */
  Optional<RegistryEvent> find(String id);

  /**
   * The outcome of an append.
   *
   * @param event the stored event (the earlier one when the id was already there)
   * @param appended whether this call appended it
   */
  record Appended(RegistryEvent event, boolean appended) {}
}

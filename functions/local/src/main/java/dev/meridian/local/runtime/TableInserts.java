package dev.meridian.local.runtime;

import dev.meridian.app.config.MeridianProperties;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The local runtime's stand-in for the table streams that trigger functions on AWS: template.yaml
 * pipes each region's table stream, filtered to {@code INSERT}s of one partition key ({@code
 * pk = "event"} to the webhook queue, {@code pk = "run"} to the build queue), into the function
 * that reacts. Locally, {@link TableInsertTap} sees every successful put any DynamoDB client of
 * this JVM makes and reports it here, and a region's loop that subscribed to its table and key
 * is nudged at once instead of polling DynamoDB Local every few milliseconds (which kept one
 * core 80% busy on an idle runtime, measured in bench/notes.md).
 *
 * <p>A put that replaces an existing item counts too (a stream would say {@code MODIFY}): one
 * needless pass of the loop, never a missed one. Static because the SDK instantiates
 * interceptors itself; subscriptions are keyed by DynamoDB Local's port, so runtimes side by side
 * in one JVM (tests) do not hear each other.
 */
public final class TableInserts {

  record Key(int port, String awsRegion, String table, String partitionKey) {}

  private static final Map<Key, List<Consumer<String>>> LISTENERS = new ConcurrentHashMap<>();

  private TableInserts() {}

  /** A subscription; {@link #close} ends it. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Calls {@code listener} after each put of an item with partition key {@code partitionKey}
   * into the table of the region {@code p} configures.
   */
  public static Subscription subscribe(MeridianProperties p, String partitionKey,
      Runnable listener) {
    return subscribe(p.dynamodbEndpoint(), p.awsRegion(), p.table(), partitionKey, listener);
  }

  /** As above, for the table {@code table} of DynamoDB Local at {@code endpoint}. */
  public static Subscription subscribe(URI endpoint, String awsRegion, String table,
      String partitionKey, Runnable listener) {
    return subscribeItems(endpoint, awsRegion, table, partitionKey, sortKey -> listener.run());
  }

  /**
   * Calls {@code listener} with the sort key of each item put with partition key {@code
   * partitionKey} into the table of the region {@code p} configures: what an EventBridge Pipe on
   * the table's stream reads from a {@code KEYS_ONLY} record.
   */
  public static Subscription subscribeItems(MeridianProperties p, String partitionKey,
      Consumer<String> listener) {
    return subscribeItems(p.dynamodbEndpoint(), p.awsRegion(), p.table(), partitionKey, listener);
  }

  private static Subscription subscribeItems(URI endpoint, String awsRegion, String table,
      String partitionKey, Consumer<String> listener) {
    Key key = new Key(endpoint.getPort(), awsRegion, table, partitionKey);
    LISTENERS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> LISTENERS.computeIfPresent(key, (k, list) -> {
      list.remove(listener);
      return list.isEmpty() ? null : list;
    });
  }

  static boolean anyone() {
    return !LISTENERS.isEmpty();
  }

  static void inserted(int port, String awsRegion, String table, String partitionKey,
      String sortKey) {
    List<Consumer<String>> listeners =
        LISTENERS.get(new Key(port, awsRegion, table, partitionKey));
    if (listeners != null) {
      listeners.forEach(l -> l.accept(sortKey));
    }
  }
}

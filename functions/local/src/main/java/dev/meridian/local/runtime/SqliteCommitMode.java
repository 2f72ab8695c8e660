package dev.meridian.local.runtime;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets DynamoDB Local's on-disk SQLite databases commit without waiting for the disk: write-ahead
 * log, {@code synchronous=NORMAL} (https://www.sqlite.org/pragma.html#pragma_synchronous).
 *
 * <p>Why. DynamoDB Local 3.3.1 commits every write with SQLite's defaults, a rollback journal
 * and {@code synchronous=FULL}: four {@code fsync} calls per PutItem (strace, 2026-12-06). On ext4
 * ({@code data=ordered}) an {@code fsync} waits for the file system's other dirty data too, so
 * while a blob's bytes were on their way to disk every table write behind them stalled: upload
 * session writes took 140–350 ms right after a 256 MiB layer (bench/notes.md), where a write
 * takes 3–10 ms otherwise.
 *
 * <p>What it costs. WAL with {@code NORMAL} is SQLite's documented middle ground: a crash of the
 * process loses nothing, and a power cut may lose the last commits but never corrupts the
 * database. That is the durability the runtime's objects already have (s3proxy's file store does
 * not {@code fsync} either), and what the reference registry's filesystem driver gives.
 *
 * <p>How. DynamoDB Local has no setting for it and opens one connection per database file, held
 * by an sqlite4java {@link SQLiteQueue} deep in its server object; the pragmas are run as a job
 * on each queue found there, after the runtime's first request made DynamoDB Local open its file.
 * If DynamoDB Local's internals change so that no queue is found, the runtime keeps SQLite's
 * defaults and says so once.
 */
final class SqliteCommitMode {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteCommitMode.class);
  /** How deep the object graph below the server is searched; the queues sit five levels down. */
  private static final int MAX_DEPTH = 8;

  private SqliteCommitMode() {}

  /**
   * Switches every database {@code server} has open to WAL with {@code synchronous=NORMAL};
   * returns how many it switched.
   */
  static int relax(Object server) {
    List<SQLiteQueue> queues = new ArrayList<>();
    find(server, 0, java.util.Collections.newSetFromMap(new IdentityHashMap<>()), queues);
    int switched = 0;
    for (SQLiteQueue queue : queues) {
      try {
        String mode = queue.execute(new SQLiteJob<String>() { // null: the job failed
          @Override
          protected String job(SQLiteConnection connection) throws SQLiteException {
            var statement = connection.prepare("PRAGMA journal_mode=WAL");
            try {
              statement.step();
              String journal = statement.columnString(0);
              connection.exec("PRAGMA synchronous=NORMAL");
              return journal;
            } finally {
              statement.dispose();
            }
          }
        }).complete();
        if ("wal".equalsIgnoreCase(mode)) {
          switched++;
          LOG.debug("DynamoDB Local: SQLite in WAL mode, synchronous=NORMAL");
        } else {
          LOG.warn("DynamoDB Local kept journal mode {}; its commits still wait for the disk",
              mode);
        }
      } catch (RuntimeException e) {
        LOG.warn("DynamoDB Local's commits still wait for the disk: {}", e.toString());
      }
    }
    if (queues.isEmpty()) {
      LOG.warn("DynamoDB Local's SQLite connection was not found; its commits still wait for the"
          + " disk (every table write fsyncs)");
    }
    return switched;
  }

  private static void find(Object node, int depth, Set<Object> seen, List<SQLiteQueue> found) {
    if (node == null || depth > MAX_DEPTH || !seen.add(node)) {
      return;
    }
    if (node instanceof SQLiteQueue queue) {
      found.add(queue);
      return;
    }
    if (node instanceof Map<?, ?> map) {
      for (Object value : List.copyOf(map.values())) {
        find(value, depth + 1, seen, found);
      }
      return;
    }
    if (node instanceof Collection<?> collection) {
      for (Object value : List.copyOf(collection)) {
        find(value, depth + 1, seen, found);
      }
      return;
    }
    if (!node.getClass().getName().startsWith("software.amazon.dynamodb.")) {
      return; // only DynamoDB Local's own objects lead to its databases
    }
    for (Class<?> c = node.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        try {
          f.setAccessible(true);
          find(f.get(node), depth + 1, seen, found);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // an inaccessible field cannot lead anywhere we need
        }
      }
    }
  }
}

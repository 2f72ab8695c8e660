package dev.meridian.core.lifecycle.gc;

import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Run reports in the region's bucket under {@code _gc/runs/} (never replicated: each region
 * collects its own bucket), newest first, the oldest beyond {@code kept} removed.
 */
public final class GcRunStore {
  private static final System.Logger LOG = System.getLogger(GcRunStore.class.getName());

  private final ObjectStore objects;
  private final int kept;

  public GcRunStore(ObjectStore objects, int kept) {
    this.objects = objects;
    this.kept = kept;
  }

  void record(GcRun run) {
    byte[] body = GcRunJson.bytes(run);
    objects.put(StorageLayout.gcRun(run.startedAt().toEpochMilli(), run.id()),
        new ByteArrayInputStream(body), body.length, "application/json");
    List<String> keys = objects.list(StorageLayout.GC_RUNS_PREFIX, null, kept + 100);
    for (int i = kept; i < keys.size(); i++) {
      objects.delete(keys.get(i));
    }
  }

  /** The newest {@code limit} runs, newest first; an unreadable report is skipped (logged). */
  public List<GcRun> newest(int limit) {
    List<GcRun> runs = new ArrayList<>();
    for (String key : objects.list(StorageLayout.GC_RUNS_PREFIX, null, limit)) {
      var content = objects.get(key);
      if (content.isEmpty()) {
        continue;
      }
      try (ObjectContent c = content.get()) {
        runs.add(GcRunJson.parse(c.stream().readAllBytes()));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "skipping unreadable gc run report {0}: {1}", key, e.toString());
      }
    }
    return runs;
  }
}

package dev.meridian.core.builds;

import dev.meridian.core.storage.ObjectContent;
import dev.meridian.core.storage.ObjectStore;
import dev.meridian.core.storage.StorageLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A run's log in its region's bucket ({@code _builds/logs/<run-id>}, never replicated). The
 * runner rewrites the whole object as lines arrive, so a reader sees the log so far while the
 * run goes and the whole log after.
 */
public final class RunLogs {
  private final ObjectStore objects;

  public RunLogs(ObjectStore objects) {
    this.objects = objects;
  }

  public void write(RunId id, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    objects.put(StorageLayout.buildLog(id.toString()), new ByteArrayInputStream(bytes),
        bytes.length, "text/plain; charset=utf-8");
  }

  /** The log so far; empty until the run has written any. */
  public Optional<String> read(RunId id) {
    return bytes(id).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The log's bytes so far (offsets of {@code logs?offset=N} count these); empty before any. */
  public Optional<byte[]> bytes(RunId id) {
    Optional<ObjectContent> content = objects.get(StorageLayout.buildLog(id.toString()));
    if (content.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = content.get().stream()) {
      return Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

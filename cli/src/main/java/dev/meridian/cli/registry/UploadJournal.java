package dev.meridian.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an interrupted direct upload left for the next run (docs/cli.md, "Resuming"): one small
 * JSON file per registry, repository and blob under the user's cache directory ({@code
 * $XDG_CACHE_HOME/meridian/uploads}, else {@code ~/.cache/meridian/uploads}) naming the session
 * URL and the parts S3 accepted. The registry keeps the session (and S3 the parts) until it
 * expires; a part listed here but lost is caught by the completing PUT's part check, a part sent
 * but not yet listed is sent again (an UploadPart of the same number replaces it).
 *
 * <p>Best effort throughout: a cache that cannot be written only means starting over.
 */
final class UploadJournal {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  UploadJournal(Path dir) {
    this.dir = dir;
  }

  /** The journal in the user's cache directory, per the environment the CLI was given. */
  static UploadJournal inCache(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    return new UploadJournal(base.resolve("meridian").resolve("uploads"));
  }

  /** A session to resume: its URL and the parts already accepted. */
  record Entry(URI location, int partCount, Set<Integer> done) {}

  Optional<Entry> find(String host, String repository, String digest) {
    Path file = file(host, repository, digest);
    try {
      JsonNode node = JSON.readTree(file.toFile());
      Set<Integer> done = new TreeSet<>();
      node.path("done").forEach(n -> done.add(n.asInt()));
      return Optional.of(new Entry(URI.create(node.path("location").asText()),
          node.path("partCount").asInt(), done));
    } catch (IOException | RuntimeException missingOrUnreadable) {
      return Optional.empty();
    }
  }

  /** Records the session and its accepted parts (rewritten whole: a few hundred bytes). */
  synchronized void save(String host, String repository, String digest, URI location, int partCount,
      Set<Integer> done) {
    ObjectNode node = JSON.createObjectNode().put("location", location.toString()).put("partCount", partCount);
    done.forEach(node.putArray("done")::add);
    Path file = file(host, repository, digest);
    // One temp name per entry: a run killed while writing leaves at most this, replaced next time.
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.writeString(tmp, JSON.writeValueAsString(node), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // no resume for this one
    }
  }

  void forget(String host, String repository, String digest) {
    Path file = file(host, repository, digest);
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
    } catch (IOException e) {
      // a stale entry is found dead (404) by the next run and removed then
    }
  }

  private Path file(String host, String repository, String digest) {
    try {
      byte[] key = MessageDigest.getInstance("SHA-256")
          .digest((host + "/" + repository + "@" + digest).getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(key, 0, 16) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

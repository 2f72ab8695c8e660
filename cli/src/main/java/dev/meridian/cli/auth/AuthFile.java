package dev.meridian.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.error.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The docker/podman credential file: {@code {"auths":{"host:port":{"auth":"base64(user:pass)"}}}}.
 * Every other key (credHelpers, proxies, …) is kept as it was, so {@code docker login} and
 * {@code meridian login} share one file. Where: {@code --authfile}, else {@code $REGISTRY_AUTH_FILE}
 * (podman, skopeo, buildah), else {@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}.
 *
 * <p>Credential helpers as docker uses them: {@code credHelpers} names a helper per registry,
 * {@code credsStore} one for all others; such a registry's secret lives in the helper ({@link
 * CredentialHelper}), the file keeps an empty {@code auths} entry for it (as {@code docker login}
 * writes). An inline {@code auth} is still read where the helper has nothing (a file written
 * before the helper was configured).
 */
public final class AuthFile {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path path;
  /** Where helper programs are looked up: the {@code PATH} the CLI was started with. */
  private final String searchPath;

  public AuthFile(Path path) {
    this(path, System.getenv().getOrDefault("PATH", ""));
  }

  AuthFile(Path path, String searchPath) {
    this.path = path;
    this.searchPath = searchPath == null ? "" : searchPath;
  }

  /** The file to use given an explicit {@code --authfile} (may be null) and the environment. */
  public static AuthFile locate(Path explicit, Map<String, String> env) {
    String searchPath = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
    if (explicit != null) {
      return new AuthFile(explicit, searchPath);
    }
    String registryAuthFile = env.get("REGISTRY_AUTH_FILE");
    if (registryAuthFile != null && !registryAuthFile.isEmpty()) {
      return new AuthFile(Path.of(registryAuthFile), searchPath);
    }
    String dockerConfig = env.get("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isEmpty()) {
      return new AuthFile(Path.of(dockerConfig, "config.json"), searchPath);
    }
    return new AuthFile(Path.of(System.getProperty("user.home"), ".docker", "config.json"), searchPath);
  }

  /** The helper that holds {@code registry}'s credentials: its {@code credHelpers} entry, else {@code credsStore}. */
  private static Optional<CredentialHelper> helper(JsonNode root, String registry, String searchPath) {
    String name = root.path("credHelpers").path(registry).asText("");
    if (name.isEmpty()) {
      name = root.path("credsStore").asText("");
    }
    return name.isEmpty() ? Optional.empty() : Optional.of(new CredentialHelper(name, searchPath));
  }

  /** Where {@code registry}'s credentials are kept: the file, or the named helper program. */
  public String storeFor(String registry) {
    return helper(read(), registry, searchPath).map(h -> h.program() + " (" + path + ")")
        .orElse(path.toString());
  }

  public Path path() {
    return path;
  }

  public Optional<Credentials> get(String registry) {
    ObjectNode root = read();
    Optional<CredentialHelper> helper = helper(root, registry, searchPath);
    if (helper.isPresent()) {
      Optional<Credentials> held = helper.get().get(registry);
      if (held.isPresent()) {
        return held;
      }
    }
    JsonNode entry = root.path("auths").path(registry);
    String auth = entry.path("auth").asText("");
    if (auth.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Credentials.decode(auth));
    } catch (IllegalArgumentException e) {
      throw CliException.invalid(path + ": entry for " + registry + ": " + e.getMessage());
    }
  }

  public void put(String registry, Credentials credentials) {
    ObjectNode root = read();
    Optional<CredentialHelper> helper = helper(root, registry, searchPath);
    if (helper.isPresent()) {
      helper.get().store(registry, credentials);
      root.with("auths").putObject(registry); // docker's marker: no secret in the file
    } else {
      root.with("auths").putObject(registry).put("auth", credentials.encoded());
    }
    write(root);
  }

  /** Removes the registry's entry; false when there was none. */
  public boolean remove(String registry) {
    ObjectNode root = read();
    boolean erased = helper(root, registry, searchPath).map(h -> h.erase(registry)).orElse(false);
    JsonNode auths = root.path("auths");
    if (!auths.isObject() || !auths.has(registry)) {
      return erased;
    }
    ((ObjectNode) auths).remove(registry);
    write(root);
    return true;
  }

  private ObjectNode read() {
    if (!Files.exists(path)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(path.toFile());
      if (node == null || node.isMissingNode()) {
        return JSON.createObjectNode();
      }
      if (!node.isObject()) {
        throw CliException.invalid(path + " is not a JSON object");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw CliException.invalid("cannot read " + path + ": " + e.getMessage());
    }
  }

  /** Written to a 0600 temp file then moved into place: never half a file, never world-readable. */
  private void write(ObjectNode root) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".config-", ".json");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the user's profile directory is private already
      }
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw CliException.io("cannot write " + path + ": " + e.getMessage());
    }
  }
}

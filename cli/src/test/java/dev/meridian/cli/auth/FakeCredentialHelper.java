package dev.meridian.cli.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * A real {@code docker-credential-<name>} program (a POSIX shell script) speaking the helper
 * protocol: {@code store} keeps the JSON it reads in a file per server, {@code get} prints it,
 * {@code erase} removes it; a missing entry answers docker's "credentials not found" and exit 1.
 * Every call's action is appended to {@code calls}.
 */
public final class FakeCredentialHelper {

  private final Path bin;
  private final Path store;

  private FakeCredentialHelper(Path bin, Path store) {
    this.bin = bin;
    this.store = store;
  }

  /** Writes {@code docker-credential-<name>} into {@code dir}/bin, keeping entries in {@code dir}/store-name. */
  public static FakeCredentialHelper install(Path dir, String name) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path store = Files.createDirectories(dir.resolve("store-" + name));
    String script = """
        #!/bin/sh
        dir='%s'
        echo "$1" >> "$dir/calls"
        case "$1" in
          store)
            json=$(cat)
            server=$(printf '%%s' "$json" | sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p')
            [ -n "$server" ] || { echo "no ServerURL" >&2; exit 1; }
            printf '%%s' "$json" > "$dir/$server.json" ;;
          get|erase)
            read -r server
            [ -f "$dir/$server.json" ] || { echo "credentials not found in native keychain"; exit 1; }
            if [ "$1" = get ]; then cat "$dir/$server.json"; else rm "$dir/$server.json"; fi ;;
          *) echo "unknown action $1" >&2; exit 1 ;;
        esac
        """.formatted(store);
    Path program = bin.resolve("docker-credential-" + name);
    Files.writeString(program, script);
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new FakeCredentialHelper(bin, store);
  }

  /** {@code PATH} with the helper's directory first. */
  public String path() {
    return bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
  }

  /** What the helper holds for {@code server}: its stored JSON. */
  public Optional<String> entry(String server) throws IOException {
    Path p = store.resolve(server + ".json");
    return Files.exists(p) ? Optional.of(Files.readString(p)) : Optional.empty();
  }

  public List<String> calls() throws IOException {
    Path p = store.resolve("calls");
    return Files.exists(p) ? Files.readAllLines(p) : List.of();
  }
}

package dev.meridian.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@link Meridian#run} — the entry {@code main} calls — with its own credential file and
 * default registry, capturing stdout and stderr; as a user's shell would, minus the JVM start.
 */
final class CliRunner {

  record Result(int exit, String out, String err) {
    String describe() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final Map<String, String> env = new HashMap<>();

  CliRunner(Path authFile, String defaultRegistry) {
    env.put("REGISTRY_AUTH_FILE", authFile.toString());
    if (defaultRegistry != null) {
      env.put("MERIDIAN_REGISTRY", defaultRegistry);
    }
    env.put("HOME", System.getProperty("java.io.tmpdir"));
  }

  /** Sets an environment variable the CLI sees (e.g. PATH, for credential helpers). */
  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** A runner whose default registry is {@code host}, signed in there as the bootstrap admin. */
  static CliRunner signedIn(Path authFile, String host) {
    CliRunner cli = new CliRunner(authFile, host);
    Result login = cli.runWithInput(System.getenv("MERIDIAN_BOOTSTRAP_PASSWORD") + "\n", "login", host, "-u", "admin",
        "--password-stdin");
    if (login.exit() != 0) {
      throw new AssertionError("login failed: " + login.describe());
    }
    return cli;
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Meridian.run(args, out, err, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        env, false);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

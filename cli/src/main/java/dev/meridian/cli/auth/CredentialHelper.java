package dev.meridian.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.error.CliException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper: the program {@code docker-credential-<name>} on {@code PATH}, run
 * once per operation as docker runs it (docker-credential-helpers' protocol): {@code get} reads
 * the server address on stdin and prints {@code {"ServerURL","Username","Secret"}}; {@code store}
 * reads that JSON; {@code erase} reads the address. A helper that has no entry says so on stdout
 * ("credentials not found in native keychain") and exits non-zero.
 */
final class CredentialHelper {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOT_FOUND = "credentials not found";
  /** Docker's marker for an identity (OAuth refresh) token in {@code Username}. */
  private static final String TOKEN_USER = "<token>";
  /** A keychain may prompt to unlock; longer than that is a hung helper. */
  private static final long TIMEOUT_SECONDS = 60;

  private final String name;
  private final String path;

  /** @param path the {@code PATH} to look the program up in (the environment the CLI was given) */
  CredentialHelper(String name, String path) {
    if (name.isEmpty() || name.contains("/") || name.contains(File.separator)) {
      throw CliException.invalid("bad credential helper name '" + name + "'");
    }
    this.name = name;
    this.path = path;
  }

  String program() {
    return "docker-credential-" + name;
  }

  /** The helper's credentials for {@code server}; empty when it has none. */
  Optional<Credentials> get(String server) {
    Result r = run("get", server);
    if (r.exit() != 0) {
      if (r.out().toLowerCase(java.util.Locale.ROOT).contains(NOT_FOUND)) {
        return Optional.empty();
      }
      throw failed("get", r);
    }
    try {
      JsonNode answer = JSON.readTree(r.out());
      String user = answer.path("Username").asText("");
      String secret = answer.path("Secret").asText("");
      if (user.isEmpty() && secret.isEmpty()) {
        return Optional.empty();
      }
      if (TOKEN_USER.equals(user)) {
        throw CliException.invalid(program() + " holds an identity token for " + server
            + ", which Meridian does not take: run 'meridian login " + server + "'");
      }
      return Optional.of(new Credentials(user, secret));
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.invalid(program() + " get: answer is not credentials: " + e.getMessage());
    }
  }

  void store(String server, Credentials credentials) {
    String request;
    try {
      request = JSON.writeValueAsString(Map.of("ServerURL", server, "Username", credentials.user(),
          "Secret", credentials.password()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Result r = run("store", request);
    if (r.exit() != 0) {
      throw failed("store", r);
    }
  }

  /** Erases the helper's entry; false when it had none. */
  boolean erase(String server) {
    Result r = run("erase", server);
    if (r.exit() == 0) {
      return true;
    }
    if (r.out().toLowerCase(java.util.Locale.ROOT).contains(NOT_FOUND)) {
      return false;
    }
    throw failed("erase", r);
  }

  private record Result(int exit, String out, String err) {}

  private Result run(String action, String input) {
    Path executable = locate();
    ProcessBuilder builder = new ProcessBuilder(executable.toString(), action);
    builder.environment().put("PATH", path);
    try {
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      // Answers are a few hundred bytes: reading stdout then stderr cannot fill a pipe and block.
      String out = read(process.getInputStream());
      String err = read(process.getErrorStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw CliException.io(program() + " " + action + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), out.strip(), err.strip());
    } catch (IOException e) {
      throw CliException.io("running " + executable + " " + action + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.io("interrupted");
    }
  }

  private Path locate() {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw CliException.invalid("the docker config names credential helper '" + name + "', but "
        + program() + " is not on PATH");
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The helper's own message (never the secret: store's input is not echoed). */
  private CliException failed(String action, Result r) {
    String why = !r.out().isEmpty() ? r.out() : !r.err().isEmpty() ? r.err() : "exit " + r.exit();
    return CliException.io(program() + " " + action + " failed: " + why.lines().findFirst().orElse(why));
  }
}

package dev.meridian.cli.cmd;

import dev.meridian.cli.Session;
import dev.meridian.cli.auth.AuthFile;
import dev.meridian.cli.auth.Credentials;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.RegistryClient;
import dev.meridian.cli.http.RegistryErrors;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meridian login}: checks the credentials against the registry ({@code GET /v2/} through
 * its challenge), then stores them in the docker credential file, as {@code docker login} does.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = "Sign in to a registry and store the credentials (docker config.json format).")
public final class LoginCommand implements Runnable {

  private final Session session;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "host[:port], e.g. 127.0.0.1:5001")
  String registry;

  @Option(names = {"-u", "--username"}, description = "User or robot name (prompted when omitted).")
  String user;

  @Option(names = {"-p", "--password"}, description = "Password (visible in the process list: prefer --password-stdin).")
  String password;

  @Option(names = "--password-stdin", description = "Read the password from standard input.")
  boolean passwordStdin;

  LoginCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    Console console = System.console();
    if (user == null) {
      if (console == null) {
        throw CliException.usage("no terminal to prompt on: pass -u USER");
      }
      user = console.readLine("Username: ");
    }
    String secret = password != null ? password : passwordStdin ? readStdin() : prompt(console);
    Credentials credentials = new Credentials(user, secret);
    check(credentials);
    AuthFile file = session.auth();
    file.put(registry, credentials);
    session.out().println("Login succeeded: " + user + " on " + registry + " (" + file.storeFor(registry) + ")");
    for (String peer : peers(credentials)) {
      file.put(peer, credentials);
      session.out().println("Also stored for " + peer);
    }
  }

  /**
   * The other regions' endpoints, which the same account signs in to (accounts are global,
   * docs/security.md), so a pull from another region needs no second login. Only an account that
   * may read /meridian/v1/regions (admin) learns them; for others this is empty.
   */
  private java.util.List<String> peers(Credentials credentials) {
    java.util.List<String> peers = new java.util.ArrayList<>();
    try {
      for (com.fasterxml.jackson.databind.JsonNode r : session.connect(registry, credentials)
          .getJson("/meridian/v1/regions").path("regions")) {
        String host = java.net.URI.create(r.path("endpoint").asText("")).getRawAuthority();
        if (host != null && !host.equals(registry)) {
          peers.add(host);
        }
      }
    } catch (CliException | IllegalArgumentException notMeridianOrNotAdmin) {
      // another registry, or an account without admin: just this endpoint
    }
    return peers;
  }

  private void check(Credentials credentials) {
    RegistryClient client = session.connect(registry, credentials);
    HttpResponse<byte[]> response = client.send(
        HttpRequest.newBuilder(client.resolve("/v2/")).GET(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw RegistryErrors.of(response, "sign in to " + registry + " as " + user);
    }
  }

  private String readStdin() {
    try {
      String line = new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw CliException.usage("--password-stdin: standard input is empty");
      }
      return line.strip();
    } catch (IOException e) {
      throw CliException.io("reading standard input: " + e.getMessage());
    }
  }

  private static String prompt(Console console) {
    if (console == null) {
      throw CliException.usage("no terminal to prompt on: pass --password-stdin");
    }
    return new String(console.readPassword("Password: "));
  }
}

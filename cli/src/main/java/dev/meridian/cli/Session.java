package dev.meridian.cli;

import dev.meridian.cli.auth.AuthFile;
import dev.meridian.cli.error.CliException;
import dev.meridian.cli.http.RegistryClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every command shares in one invocation: the streams, the environment, the global flags and
 * one {@link RegistryClient} per registry (so a token is fetched once per repository).
 */
public final class Session {

  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;
  private final boolean terminal;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
  private Path authFile;
  private boolean plainHttp;
  private String registry;

  public Session(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, boolean terminal) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
    this.terminal = terminal;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public Map<String, String> env() {
    return env;
  }

  /** Whether stderr is a terminal: progress bars then, plain lines otherwise. */
  public boolean terminal() {
    return terminal;
  }

  void authFile(Path path) {
    this.authFile = path;
  }

  void plainHttp(boolean value) {
    this.plainHttp = value;
  }

  void registry(String value) {
    this.registry = value;
  }

  public AuthFile auth() {
    return AuthFile.locate(authFile, env);
  }

  /** {@code --registry}, else {@code $MERIDIAN_REGISTRY}; commands that name no image need one. */
  public String defaultRegistry() {
    String r = registry != null ? registry : env.get("MERIDIAN_REGISTRY");
    if (r == null || r.isBlank()) {
      throw CliException.usage("no registry: pass --registry HOST:PORT or set MERIDIAN_REGISTRY");
    }
    return r;
  }

  public RegistryClient client(String host) {
    return clients.computeIfAbsent(host, h -> {
      RegistryClient client = connect(h, auth().get(h).orElse(null));
      client.peers(uri -> client(uri.getRawAuthority()));
      return client;
    });
  }

  /** A client with the given credentials (login checks them before storing). */
  public RegistryClient connect(String host, dev.meridian.cli.auth.Credentials credentials) {
    return RegistryClient.connect(host, credentials, plainHttp);
  }

  /**
   * A client for another region's endpoint (from {@code GET /meridian/v1/regions}): its own stored
   * credentials if any, else those of {@code via} — accounts are global, so one login serves every
   * region (docs/security.md).
   */
  public RegistryClient peer(java.net.URI endpoint, String via) {
    String host = endpoint.getRawAuthority();
    if (host.equals(via)) {
      return client(via);
    }
    return clients.computeIfAbsent(host, h -> RegistryClient.connect(h,
        auth().get(h).or(() -> auth().get(via)).orElse(null), plainHttp || "http".equals(endpoint.getScheme())));
  }

  public RegistryClient client() {
    return client(defaultRegistry());
  }
}

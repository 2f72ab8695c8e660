package dev.meridian.local.runtime;

import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local global endpoint's routing, as Azure Traffic Manager routes a geo-replicated ACR's
 * login server (docs/local-runtime.md). Traffic Manager answers DNS, so it
 * picks a region per name resolution, not per push: one push's requests can land in different
 * regions when the answer changes (Azure/acr#588). Two modes:
 *
 * <ul>
 *   <li>{@link Mode#MAP}: a client → region map; the first rule that matches the request wins,
 *       otherwise the first region (the default with no map). A rule's client matches the {@value
 *       #CLIENT_HEADER} header exactly, or a {@code User-Agent} that starts with it (skopeo and
 *       docker cannot add headers; on loopback every client has the same address, so the address
 *       cannot tell clients apart).
 *   <li>{@link Mode#BOUNCE}: every request goes to the next region in turn, the worst case of a
 *       flapping DNS answer, to prove write-anywhere pushes succeed anyway.
 * </ul>
 *
 * <p>Map file: one {@code <client> <region>} per line, {@code #} comments, blank lines ignored.
 */
public final class GlobalRouter implements Function<HttpRequest, HttpResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(GlobalRouter.class);
  public static final String CLIENT_HEADER = "X-Meridian-Client";

  /** How the global endpoint picks a region. */
  public enum Mode {
    MAP,
    BOUNCE
  }

  /** One line of the client map: requests of {@code client} go to {@code region}. */
  public record Rule(String client, String region) {}

  private record Target(String name, Function<HttpRequest, HttpResponse> function) {}

  private final Mode mode;
  private final List<Target> regions;
  private final List<Rule> rules;
  private final Map<String, Target> byName = new LinkedHashMap<>();
  private final AtomicLong requests = new AtomicLong();

  /**
   * @param regions each region's HTTP function by name, in regions-file order (the first is the
   *     default)
   * @param rules client rules in file order (ignored in BOUNCE mode); every region must exist
   */
  public GlobalRouter(Mode mode, Map<String, ? extends Function<HttpRequest, HttpResponse>> regions,
      List<Rule> rules) {
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("the global endpoint needs at least one region");
    }
    this.mode = mode;
    List<Target> targets = new ArrayList<>();
    regions.forEach((name, f) -> {
      Target t = new Target(name, f);
      targets.add(t);
      byName.put(name, t);
    });
    this.regions = List.copyOf(targets);
    for (Rule rule : rules) {
      if (!byName.containsKey(rule.region())) {
        throw new IllegalArgumentException("client map: no region " + rule.region()
            + " (regions: " + byName.keySet() + ")");
      }
    }
    this.rules = List.copyOf(rules);
  }

  /** As the constructor, with rules read from {@code clientMap} (null: no rules). */
  public static GlobalRouter create(Mode mode, Path clientMap,
      Map<String, ? extends Function<HttpRequest, HttpResponse>> regions) {
    return new GlobalRouter(mode, regions, clientMap == null ? List.of() : readRules(clientMap));
  }

  @Override
  public HttpResponse apply(HttpRequest request) {
    Target target = route(request);
    LOG.debug("global {} {} -> {}", request.method(), request.path(), target.name());
    return target.function().apply(request);
  }

  /** The name of the region {@code request} goes to (consumes a turn in BOUNCE mode). */
  String routeName(HttpRequest request) {
    return route(request).name();
  }

  private Target route(HttpRequest request) {
    if (mode == Mode.BOUNCE) {
      return regions.get((int) (requests.getAndIncrement() % regions.size()));
    }
    String client = request.header(CLIENT_HEADER);
    String agent = request.header("User-Agent");
    for (Rule rule : rules) {
      if (rule.client().equals(client) || (agent != null && agent.startsWith(rule.client()))) {
        return byName.get(rule.region());
      }
    }
    return regions.get(0);
  }

  /** Parses a client map file; errors name the file and line. */
  public static List<Rule> readRules(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read client map " + file, e);
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
      if (fields.length == 1 && fields[0].isEmpty()) {
        continue;
      }
      if (fields.length != 2) {
        throw new IllegalArgumentException(file + ":" + (i + 1)
            + ": expected '<client> <region>', got '" + line.trim() + "'");
      }
      rules.add(new Rule(fields[0], fields[1]));
    }
    return rules;
  }
}

package dev.meridian.local;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.replication.FaultPlan;
import dev.meridian.local.replication.ReplicationOptions;
import dev.meridian.local.runtime.GlobalRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Parses {@code meridian-local.jar}'s flags into {@link LocalOptions}. */
public final class CommandLineFlags {

  public static final int DEFAULT_PORT = 5000;

  public static final String USAGE = """
      usage: java -jar meridian-local.jar [flags]

        --port P                 global endpoint on 127.0.0.1:P, regions on P+1, P+2, ...
                                 (default 5000; 0 picks free ports)
        --regions FILE           regions file, one '<name> <seed> [build capacity]' per line
                                 (default: eastus aa, westeurope ab, canadacentral ac)
        --data-dir DIR           where data persists across restarts
                                 (default ~/.meridian/data)
        --ephemeral              nothing outlives the run: objects in a fresh directory
                                 under java.io.tmpdir, removed at exit; metadata in memory
        --blob-delivery MODE     redirect (default: 307 to a presigned S3 URL) or stream
        --routing MODE           global endpoint: map (default; by --client-map, else the
                                 first region) or bounce (next region on every request)
        --client-map FILE        '<client> <region>' per line; a client matches the
                                 X-Meridian-Client header or a User-Agent prefix
        --reconcile-interval S   each region reconciles every S seconds (default 30;
                                 0: only on demand)
        --fault-seed N           test mode: seed of the notification fault PRNG
        --fault-drop P           ... probability a notification is dropped (0..1)
        --fault-duplicate P      ... probability it is delivered twice
        --fault-delay P          ... probability it is delayed (up to 500 ms)
        --fault-reorder P        ... probability it is held back behind the next one
        --rate-limit N           requests a second per account (per address when
                                 anonymous) before 429 TOOMANYREQUESTS (default 1000;
                                 0: no limit)
        --upload-ttl S           an idle upload session expires after S seconds and is
                                 swept with its parts S seconds later (default 86400)
        --front MODE             direct (default: the functions behind a plain HTTP front)
                                 or lambda (API Gateway's HTTP API emulated from
                                 template.yaml in front of the Lambda entry points)
        --help                   print this and exit

      Access control is always on. On first start an 'admin' account is created with
      the password in MERIDIAN_BOOTSTRAP_PASSWORD, or a generated one printed once.
      """;

  /** The parse result: either help was asked for, or the options to start with. */
  public record Parsed(boolean help, LocalOptions options) {}

  private CommandLineFlags() {}

  /** Parses {@code args}; {@code home} is the user's home (the default data dir is under it). */
  public static Parsed parse(String[] args, Path home) {
    int port = DEFAULT_PORT;
    Path regions = null;
    Path dataDir = home.resolve(".meridian").resolve("data");
    boolean ephemeral = false;
    BlobDelivery delivery = BlobDelivery.REDIRECT;
    GlobalRouter.Mode routing = GlobalRouter.Mode.MAP;
    Path clientMap = null;
    Duration reconcileInterval = ReplicationOptions.defaults().reconcileInterval();
    long faultSeed = 0;
    double[] faults = new double[4]; // drop, duplicate, delay, reorder
    double rateLimit = AuthOptions.DEFAULT_RATE_LIMIT;
    Duration uploadTtl = null;
    LocalOptions.Front front = LocalOptions.Front.DIRECT;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--help", "-h" -> {
          return new Parsed(true, null);
        }
        case "--ephemeral" -> {
          if (value != null) {
            throw new IllegalArgumentException("--ephemeral takes no value");
          }
          ephemeral = true;
        }
        case "--port", "--regions", "--data-dir", "--blob-delivery", "--routing",
            "--client-map", "--reconcile-interval", "--fault-seed", "--fault-drop",
            "--fault-duplicate", "--fault-delay", "--fault-reorder", "--rate-limit",
            "--upload-ttl", "--front" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(arg + " needs a value");
            }
            value = args[++i];
          }
          switch (arg) {
            case "--port" -> port = port(value);
            case "--regions" -> regions = Path.of(value);
            case "--data-dir" -> dataDir = Path.of(value);
            case "--routing" -> routing = routing(value);
            case "--client-map" -> clientMap = Path.of(value);
            case "--reconcile-interval" -> reconcileInterval = Duration.ofSeconds(number(arg, value));
            case "--fault-seed" -> faultSeed = number(arg, value);
            case "--fault-drop" -> faults[0] = probability(arg, value);
            case "--fault-duplicate" -> faults[1] = probability(arg, value);
            case "--fault-delay" -> faults[2] = probability(arg, value);
            case "--fault-reorder" -> faults[3] = probability(arg, value);
            case "--rate-limit" -> rateLimit = number(arg, value);
            case "--upload-ttl" -> uploadTtl = uploadTtl(value);
            case "--front" -> front = front(value);
            default -> delivery = delivery(value);
          }
        }
        default -> throw new IllegalArgumentException("unknown flag: " + args[i]);
      }
    }
    if (clientMap != null && routing == GlobalRouter.Mode.BOUNCE) {
      throw new IllegalArgumentException("--client-map applies to --routing map, not bounce");
    }
    FaultPlan plan = new FaultPlan(faultSeed, faults[0], faults[1], faults[2], faults[3], null);
    return new Parsed(false, new LocalOptions(port, regions, dataDir, ephemeral, delivery,
        routing, clientMap, new ReplicationOptions(reconcileInterval, plan),
        AuthOptions.fromEnvironment().withRateLimit(rateLimit), uploadTtl, front));
  }

  private static Duration uploadTtl(String value) {
    long seconds = number("--upload-ttl", value);
    if (seconds == 0) {
      throw new IllegalArgumentException("--upload-ttl: must be at least 1 second");
    }
    return Duration.ofSeconds(seconds);
  }

  private static long number(String flag, String value) {
    try {
      long n = Long.parseLong(value.strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": expected a whole number >= 0, got " + value);
    }
  }

  private static double probability(String flag, String value) {
    try {
      double p = Double.parseDouble(value.strip());
      if (p >= 0 && p <= 1) {
        return p;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(flag + ": expected a probability from 0 to 1, got " + value);
  }

  private static GlobalRouter.Mode routing(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "map" -> GlobalRouter.Mode.MAP;
      case "bounce" -> GlobalRouter.Mode.BOUNCE;
      default -> throw new IllegalArgumentException(
          "--routing: expected map or bounce, got " + value);
    };
  }

  private static int port(String value) {
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port: not a number: " + value);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port: out of range 0..65535: " + port);
    }
    return port;
  }

  private static LocalOptions.Front front(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "direct" -> LocalOptions.Front.DIRECT;
      case "lambda" -> LocalOptions.Front.LAMBDA;
      default -> throw new IllegalArgumentException(
          "--front: expected direct or lambda, got " + value);
    };
  }

  private static BlobDelivery delivery(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "redirect" -> BlobDelivery.REDIRECT;
      case "stream" -> BlobDelivery.STREAM;
      default -> throw new IllegalArgumentException(
          "--blob-delivery: expected redirect or stream, got " + value);
    };
  }
}

package dev.meridian.local.runtime;

import dev.meridian.core.api.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import java.nio.file.Path;
import java.util.Locale;

/** Parses {@code meridian-local.jar}'s flags into {@link LocalOptions}. */
public final class CommandLineFlags {

  public static final int DEFAULT_PORT = 5000;

  public static final String USAGE = """
      usage: java -jar meridian-local.jar [flags]

        --port P                 global endpoint on 127.0.0.1:P, regions on P+1, P+2, ...
                                 (default 5000; 0 picks free ports)
        --regions FILE           regions file, one '<name> <seed>' per line
                                 (default: eastus aa, westeurope ab, canadacentral ac)
        --data-dir DIR           where data persists across restarts
                                 (default ~/.meridian/data)
        --ephemeral              keep everything in memory; nothing is written to disk
        --blob-delivery MODE     redirect (default: 307 to a presigned S3 URL) or stream
        --routing MODE           global endpoint: map (default; by --client-map, else the
                                 first region) or bounce (next region on every request)
        --client-map FILE        '<client> <region>' per line; a client matches the
                                 X-Meridian-Client header or a User-Agent prefix
        --help                   print this and exit
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
            "--client-map" -> {
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
            default -> delivery = delivery(value);
          }
        }
        default -> throw new IllegalArgumentException("unknown flag: " + args[i]);
      }
    }
    if (clientMap != null && routing == GlobalRouter.Mode.BOUNCE) {
      throw new IllegalArgumentException("--client-map applies to --routing map, not bounce");
    }
    return new Parsed(false, new LocalOptions(port, regions, dataDir, ephemeral, delivery,
        routing, clientMap));
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

  private static BlobDelivery delivery(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "redirect" -> BlobDelivery.REDIRECT;
      case "stream" -> BlobDelivery.STREAM;
      default -> throw new IllegalArgumentException(
          "--blob-delivery: expected redirect or stream, got " + value);
    };
  }
}

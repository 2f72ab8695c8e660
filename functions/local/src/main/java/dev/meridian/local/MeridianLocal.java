package dev.meridian.local;

import dev.meridian.local.runtime.DataDirectory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar meridian-local.jar [flags]}: starts the local runtime, prints one {@code ready
 * <endpoint> <url>} line per endpoint (regions first, then {@code global}), and runs until
 * SIGTERM/SIGINT, when a shutdown hook closes the endpoints and then the storage servers.
 */
public final class MeridianLocal {

  private MeridianLocal() {}

  public static void main(String[] args) throws InterruptedException {
    // Core logs through System.Logger (it has no SLF4J), which inside the fat jar falls back to
    // java.util.logging: Boot's nested-jar class loader hides slf4j-jdk-platform-logging from the
    // platform's service lookup. Route JUL into SLF4J so every line has one format and level.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    CommandLineFlags.Parsed parsed;
    try {
      parsed = CommandLineFlags.parse(args, Path.of(System.getProperty("user.home")));
    } catch (IllegalArgumentException e) {
      System.err.println("meridian-local: " + e.getMessage());
      System.err.print(CommandLineFlags.USAGE);
      System.exit(2);
      return;
    }
    if (parsed.help()) {
      System.out.print(CommandLineFlags.USAGE);
      return;
    }
    LocalRuntime runtime;
    try {
      runtime = LocalRuntime.start(parsed.options());
    } catch (DataDirectory.DataDirectoryInUseException e) {
      System.err.println("meridian-local: " + e.getMessage()); // the message says it all
      System.exit(1);
      return;
    } catch (IllegalArgumentException e) {
      // A setting the user gave is refused (a bootstrap password under 8 characters, a seed in
      // MERIDIAN_PEERS that is not two letters): the message names it; a stack trace would bury it.
      System.err.println("meridian-local: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      System.err.println("meridian-local: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "meridian-shutdown"));
    runtime.generatedAdminPassword().ifPresent(password -> {
      System.out.println("bootstrap admin password (shown once; sign in as 'admin'): " + password);
    });
    for (String region : runtime.regionNames()) {
      System.out.println("ready " + region + " " + runtime.regionEndpoint(region));
    }
    System.out.println("ready global " + runtime.globalEndpoint());
    System.out.flush();
    stopped.await();
  }
}

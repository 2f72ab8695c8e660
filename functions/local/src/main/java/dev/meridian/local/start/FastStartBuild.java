package dev.meridian.local.start;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Build step of functions/local (the {@code package} phase, after Boot's repackage): makes the
 * {@link ExtractedLayout} beside {@code meridian-local.jar} that {@link FastStart} uses.
 *
 * <ol>
 *   <li>{@code java -Djarmode=tools -jar meridian-local.jar extract}: Boot's own unpacking.
 *   <li>Drops {@code Class-Path} from the manifests of {@code lib/*.jar}. Boot's nested-jar loader
 *       ignores them, so the class path stays what the fat jar has; and DynamoDB Local's names
 *       {@code .}, which would put the non-empty {@code lib/} directory on the class path, and
 *       JDK 17 refuses to dump an archive then ("non-empty directory").
 *   <li>A training start on the layout with {@code -XX:ArchiveClassesAtExit} (a scratch data
 *       directory, free ports): once {@code ready global} is printed it answers {@code /v2/}, a
 *       token request and a small push and pull (so a first push or pull also finds its classes
 *       archived), then stops with SIGTERM, and the JVM writes the archive at exit.
 *   <li>{@link JarMain} becomes the jar's Main-Class ({@link JarMainInstaller}), so that
 *       {@code java -jar} starts the child without Boot's launcher first.
 *   <li>The stamp ({@link ExtractedLayout#writeStamp}), last: it records the jar as it is now.
 * </ol>
 *
 * <p>The build never fails here: when a step cannot run (no free port, a sandbox without {@code
 * fork}, a start slower than the time limit) it prints one line saying so and removes the
 * layout, and {@code java -jar} starts in-process as before.
 *
 * <p>Usage: {@code FastStartBuild <jar> <time limit seconds>}.
 */
public final class FastStartBuild {

  private static final String PREFIX = "[meridian-local] fast start: ";

  private FastStartBuild() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    long limitSeconds = Long.parseLong(args[1]);
    ExtractedLayout layout = ExtractedLayout.besideJar(jar);
    Path log = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "")
        + "-training.log");
    long started = System.nanoTime();
    try {
      deleteTree(layout.directory());
      extract(jar, layout, log);
      dropClassPaths(layout.directory().resolve("lib"));
      double trainingSeconds = train(layout, log, limitSeconds);
      JarMainInstaller.install(jar);
      layout.writeStamp(jar);
      System.out.printf("%s%s ready: AppCDS archive %d MB from a %.1f s training start, %.1f s"
              + " in all; java -jar %s uses it%n", PREFIX, layout.directory(),
          Files.size(layout.archive()) >> 20, trainingSeconds,
          (System.nanoTime() - started) / 1e9, jar.getFileName());
    } catch (Exception e) {
      deleteTree(layout.directory());
      System.out.println(PREFIX + "not prepared (" + e.getMessage() + "; see " + log
          + "); java -jar " + jar.getFileName() + " starts in-process, without the archive");
    }
  }

  private static void extract(Path jar, ExtractedLayout layout, Path log) throws Exception {
    Process p = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
        "--destination", layout.directory().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor() != 0 || !Files.isRegularFile(layout.thinJar())) {
      throw new IllegalStateException("jarmode=tools extract failed with status " + p.exitValue());
    }
  }

  private static void dropClassPaths(Path lib) throws IOException {
    List<Path> jars;
    try (Stream<Path> s = Files.list(lib)) {
      jars = s.filter(p -> p.toString().endsWith(".jar")).toList();
    }
    for (Path jar : jars) {
      try (FileSystem zip = FileSystems.newFileSystem(jar)) {
        Path entry = zip.getPath("META-INF", "MANIFEST.MF");
        if (!Files.exists(entry)) {
          continue;
        }
        Manifest manifest;
        try (InputStream in = Files.newInputStream(entry)) {
          manifest = new Manifest(in);
        }
        if (manifest.getMainAttributes().remove(Attributes.Name.CLASS_PATH) != null) {
          try (OutputStream out = Files.newOutputStream(entry)) {
            manifest.write(out);
          }
        }
      }
    }
  }

  /** The training start; its seconds from exec to {@code ready global}. */
  private static double train(ExtractedLayout layout, Path log, long limitSeconds)
      throws Exception {
    Path scratch = Files.createTempDirectory("meridian-training");
    String password = "training-" + UUID.randomUUID();
    List<String> command = new ArrayList<>(List.of(java(),
        "-XX:ArchiveClassesAtExit=" + layout.archive(), "-Xlog:cds=error",
        "-cp", layout.thinJar().toString(), ChildJvm.MAIN,
        "--port", "0", "--data-dir", scratch.resolve("data").toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("MERIDIAN_BOOTSTRAP_PASSWORD", password);
    long t0 = System.nanoTime();
    Process p = builder.start();
    try {
      CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> firstRegion(p));
      URI region = ready.get(limitSeconds, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      new TrainingRequests(region, "admin", password).run();
      p.destroy(); // SIGTERM: the runtime's shutdown, then the archive is written at exit
      if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the training start did not stop in " + limitSeconds
            + " s");
      }
      if (!Files.isRegularFile(layout.archive()) || Files.size(layout.archive()) == 0) {
        throw new IllegalStateException("the training start wrote no archive");
      }
      return seconds;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no 'ready global' within " + limitSeconds + " s");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      p.destroyForcibly();
      deleteTree(scratch);
    }
  }

  /** Reads the training start's stdout to {@code ready global}; the first region's URL. */
  private static URI firstRegion(Process p) {
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      URI first = null;
      for (String line; (line = out.readLine()) != null; ) {
        String[] words = line.split(" ");
        if (words.length == 3 && words[0].equals("ready")) {
          if (words[1].equals("global")) {
            // Drain the rest so the child never blocks on a full pipe.
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "training-stdout");
            drain.setDaemon(true);
            drain.start();
            return first;
          }
          first = first == null ? URI.create(words[2]) : first;
        }
      }
      throw new IllegalStateException("the training start exited with status " + p.waitFor());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("the training start's output: " + e.getMessage(), e);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

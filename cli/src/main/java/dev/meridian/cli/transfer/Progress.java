package dev.meridian.cli.transfer;

import dev.meridian.cli.image.Descriptor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-blob progress: on a terminal, one redrawn bar per layer with rate and ETA; otherwise one
 * plain line per finished blob (logs and CI stay readable); nothing with {@code --quiet}.
 */
public final class Progress {

  public enum Mode { BARS, LINES, QUIET }

  private static final long REDRAW_MILLIS = 200;

  private final PrintWriter err;
  private final Mode mode;
  private final List<Tracker> trackers = new CopyOnWriteArrayList<>();

  public Progress(PrintWriter err, Mode mode) {
    this.err = err;
    this.mode = mode;
  }

  public static Progress of(PrintWriter err, boolean terminal, boolean quiet) {
    return new Progress(err, quiet ? Mode.QUIET : terminal ? Mode.BARS : Mode.LINES);
  }

  public Tracker track(Descriptor blob) {
    Tracker tracker = new Tracker(blob);
    trackers.add(tracker);
    return tracker;
  }

  /** Starts redrawing bars (terminal mode); closing it draws the final state. */
  public Display start() {
    return new Display();
  }

  /** Prints a line (plain and bar modes). */
  public void line(String text) {
    if (mode != Mode.QUIET) {
      synchronized (err) {
        err.println(text);
        err.flush();
      }
    }
  }

  /** One blob's progress. Thread-safe: its uploader adds bytes, the display reads them. */
  public final class Tracker {
    private final Descriptor blob;
    private final AtomicLong bytes = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile String state = "copying";
    private volatile String via = "";
    private volatile long endNanos;

    private Tracker(Descriptor blob) {
      this.blob = blob;
    }

    public void add(long n) {
      bytes.addAndGet(n);
    }

    /** How the bytes travel, when not the standard way (e.g. {@code direct}: straight to storage). */
    public void via(String how) {
      via = " (" + how + ")";
    }

    /** Back to zero: a chunk or upload is being sent again. */
    public void restart() {
      bytes.set(0);
    }

    public void skipped() {
      endNanos = System.nanoTime();
      state = "exists";
      if (mode == Mode.LINES) {
        line("blob " + blob.shortDigest() + " exists, skipped");
      }
    }

    public void done() {
      endNanos = System.nanoTime();
      state = "done";
      bytes.set(blob.size());
      if (mode == Mode.LINES) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        line(String.format(Locale.ROOT, "blob %s done %s in %.1f s%s", blob.shortDigest(), size(blob.size()), seconds, via));
      }
    }

    String render() {
      long done = bytes.get();
      long total = Math.max(1, blob.size());
      int width = 24;
      int filled = (int) Math.min(width, done * width / total);
      long end = endNanos != 0 ? endNanos : System.nanoTime();
      double seconds = Math.max(1e-3, (end - startNanos) / 1e9);
      double rate = done / seconds;
      boolean sending = state.equals("copying") && done < blob.size();
      String eta = rate > 0 && sending ? String.format(Locale.ROOT, " ETA %ds", (long) ((total - done) / rate)) : "";
      String shown = (state.equals("copying") && !sending ? "finishing" : state) + via;
      return String.format(Locale.ROOT, "%s [%s%s] %s/%s %s/s %s%s", blob.shortDigest(),
          "=".repeat(filled), " ".repeat(width - filled), size(done), size(blob.size()), size((long) rate), shown, eta);
    }
  }

  /** The redraw loop of terminal mode. */
  public final class Display implements AutoCloseable {
    private final Thread thread;
    private int drawn;

    private Display() {
      if (mode != Mode.BARS) {
        thread = null;
        return;
      }
      thread = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          draw();
          try {
            Thread.sleep(REDRAW_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "meridian-progress");
      thread.setDaemon(true);
      thread.start();
    }

    private synchronized void draw() {
      StringBuilder b = new StringBuilder();
      if (drawn > 0) {
        b.append("\033[").append(drawn).append('A'); // cursor up to the first bar
      }
      for (Tracker t : trackers) {
        b.append('\r').append(t.render()).append("\033[K\n");
      }
      drawn = trackers.size();
      synchronized (err) {
        err.print(b);
        err.flush();
      }
    }

    @Override
    public void close() {
      if (thread != null) {
        thread.interrupt();
        try {
          thread.join(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        draw();
      }
    }
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String units = "KMGT";
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length() - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %siB", value, units.charAt(unit));
  }
}

package dev.meridian.core.builds;

import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code GET /meridian/v1/builds/<id>/logs} (docs/builds.md "Logs"): the log so far; with {@code
 * ?follow=true} the log streamed as it is written (chunked: no length, flushed per change) until
 * the run ends — the local runtime's front streams it; with {@code ?offset=N} a long poll for the
 * bytes after {@code N} (what a front that buffers whole responses, Lambda behind API Gateway,
 * can carry): it answers as soon as there are new bytes, the run ended, or {@link #LONG_POLL}
 * passed, with {@code Meridian-Log-Offset} (the next offset) and {@code Meridian-Run-Ended}.
 * The log object is rewritten as the run goes (at most once a second), so both poll it.
 */
final class RunLogFollow {
  static final Duration POLL = Duration.ofMillis(250);
  /** Under API Gateway's 30 s integration timeout and the builds function's own. */
  static final Duration LONG_POLL = Duration.ofSeconds(20);
  /** A follow stops after this long even if the run has not ended (the longest run is 8 h). */
  static final Duration MAX_FOLLOW = Duration.ofHours(9);
  static final String OFFSET = "Meridian-Log-Offset";
  static final String ENDED = "Meridian-Run-Ended";

  private RunLogFollow() {}

  static HttpResponse respond(HttpRequest request, BuildRegion holder, RunId id) {
    RunLogs logs = new RunLogs(holder.objects());
    if ("true".equalsIgnoreCase(request.query("follow"))) {
      ResponseBody body = new ResponseBody() {
        @Override
        public long length() {
          return -1; // chunked
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
          stream(out, logs, holder, id);
        }
      };
      return text(200, body, -1, false);
    }
    String offsetText = request.query("offset");
    if (offsetText != null) {
      return longPoll(logs, holder, id, offset(offsetText));
    }
    byte[] log = logs.bytes(id).orElseThrow(() -> new RegistryException(
        ErrorKind.NOT_FOUND, "run " + id + " has no log yet"));
    return text(200, ResponseBody.of(log), log.length, ended(holder, id));
  }

  private static HttpResponse longPoll(RunLogs logs, BuildRegion holder, RunId id, long from) {
    long deadline = System.nanoTime() + LONG_POLL.toNanos();
    while (true) {
      boolean ended = ended(holder, id); // read before the log: an ended run's log is complete
      byte[] log = logs.bytes(id).orElse(new byte[0]);
      if (log.length > from || ended || System.nanoTime() - deadline > 0) {
        byte[] fresh = log.length > from ? Arrays.copyOfRange(log, (int) from, log.length)
            : new byte[0];
        return text(200, ResponseBody.of(fresh), Math.max(from, log.length), ended);
      }
      sleep();
    }
  }

  private static void stream(OutputStream out, RunLogs logs, BuildRegion holder, RunId id)
      throws IOException {
    long deadline = System.nanoTime() + MAX_FOLLOW.toNanos();
    int sent = 0;
    while (System.nanoTime() - deadline < 0) {
      boolean ended = ended(holder, id);
      byte[] log = logs.bytes(id).orElse(new byte[0]);
      if (log.length > sent) {
        out.write(log, sent, log.length - sent);
        out.flush();
        sent = log.length;
      }
      if (ended) {
        return;
      }
      sleep();
    }
  }

  private static boolean ended(BuildRegion holder, RunId id) {
    Optional<BuildRun> run = holder.runs().get(id);
    return run.isEmpty() || run.get().status().isTerminal();
  }

  private static long offset(String text) {
    try {
      long offset = Long.parseLong(text);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("offset must be a byte offset (0 or more), got " + text);
  }

  private static HttpResponse text(int status, ResponseBody body, long next, boolean ended) {
    HttpResponse r = new HttpResponse(status, null, body)
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("Cache-Control", "no-store")
        .header(ENDED, Boolean.toString(ended));
    return next < 0 ? r : r.header(OFFSET, Long.toString(next));
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following a log", e);
    }
  }
}

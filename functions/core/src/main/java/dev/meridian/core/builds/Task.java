package dev.meridian.core.builds;

import dev.meridian.core.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A build registered to run again (ACR's tasks; docs/builds.md "Tasks"), held in the table of the
 * region it was registered in — only that region's triggers react to it, so one base-image update
 * makes one run, not one per region.
 *
 * @param request what each run builds (its client token is unused: triggers set their own), and
 *     as whom: its owner, the account that registered the task, is every run's owner, however
 *     the run was triggered
 * @param baseImageTrigger whether an update of a base image enqueues a run
 * @param bases the {@code repository:tag}s the Dockerfile's FROMs name, read once at registration
 *     (the context is immutable: it is stored under its digest)
 * @param createdAt updates older than this do not trigger
 * @param timers its timer triggers (docs/builds.md "Timer triggers")
 * @param triggerSecret the secret of its HTTP trigger URL (a {@code whsec_} key, docs/builds.md
 *     "HTTP triggers"), or null when it has none
 * @param enabled false: no trigger starts a run and a manual run is refused (ACR's {@code
 *     --status Disabled})
 * @param updatedAt the last change (its creation at first); timer ticks before it do not fire
 * @param revision 1 at creation, +1 per update: an update is a write conditional on it
 */
public record Task(String name, BuildRequest request, boolean baseImageTrigger,
    List<String> bases, Instant createdAt, List<TimerTrigger> timers, String triggerSecret,
    boolean enabled, Instant updatedAt, long revision) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,49}");

  public Task {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad task name '" + name
          + "': 1 to 50 letters, digits, - and _, starting with a letter or digit");
    }
    bases = List.copyOf(bases);
    timers = List.copyOf(timers == null ? List.of() : timers);
    if (timers.stream().map(TimerTrigger::name).distinct().count() != timers.size()) {
      throw new IllegalArgumentException("timer names must be unique in a task");
    }
    updatedAt = updatedAt == null ? createdAt : updatedAt;
    if (revision < 1) {
      throw new IllegalArgumentException("a task's revision starts at 1");
    }
  }

  /** A new, enabled task without timers or HTTP trigger. */
  public Task(String name, BuildRequest request, boolean baseImageTrigger, List<String> bases,
      Instant createdAt) {
    this(name, request, baseImageTrigger, bases, createdAt, List.of(), null, true, createdAt, 1);
  }

  /** Whether its HTTP trigger URL accepts signed requests. */
  public boolean hasHttpTrigger() {
    return triggerSecret != null;
  }

  /**
   * The request of a run that {@code tokenSuffix} identifies (a timer tick, a source delivery),
   * with client token {@code task.<name>.<suffix>} and {@code extraArgs} added to the build args.
   */
  public BuildRequest triggeredAs(String tokenSuffix, java.util.Map<String, String> extraArgs) {
    BuildRequest r = request;
    java.util.Map<String, String> args = new java.util.LinkedHashMap<>(r.buildArgs());
    args.putAll(extraArgs);
    return new BuildRequest(r.context(), r.dockerfile(), r.images(), args, r.platform(),
        r.timeout(), "task." + name + "." + tokenSuffix, r.owner());
  }

  /**
   * The request of the run that base {@code digest} triggers, with client token {@code
   * task.<name>.<hex>}: enqueueing it twice (a second event, a retried poll) returns the first run.
   */
  public BuildRequest triggeredBy(Digest digest) {
    BuildRequest r = request;
    return new BuildRequest(r.context(), r.dockerfile(), r.images(), r.buildArgs(), r.platform(),
        r.timeout(), "task." + name + "." + digest.encoded(), r.owner());
  }

  /** Whether the task builds {@code image} itself (it never triggers on its own pushes). */
  public boolean produces(String image) {
    return request.images().stream().anyMatch(i -> i.equals(image)
        || (!i.contains(":") && image.equals(i + ":latest")));
  }
}

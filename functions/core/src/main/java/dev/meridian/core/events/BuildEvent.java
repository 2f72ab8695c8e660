package dev.meridian.core.events;

import java.util.List;

/**
 * What a {@code build} event says about a run (docs/webhooks.md "Build events"): the run's phase
 * and record at that moment. Plain text fields, so the event log needs nothing of the builds
 * package.
 *
 * @param runId the run's ID ({@code aa7}); its seed names the region whose log holds the event
 * @param phase {@code queued}, {@code started}, {@code succeeded}, {@code failed} (the run ended
 *     {@code Failed}, {@code Timeout} or {@code Error}) or {@code canceled}
 * @param runStatus the run's exact state ({@code Queued}, {@code Running}, {@code Timeout}, …)
 * @param triggerType what started it: {@code manual}, {@code baseImageUpdate}, {@code timer},
 *     {@code commit}
 * @param triggerDetail the trigger's detail (a base digest, a timer tick, a commit), or null
 * @param images the image names the run builds, {@code {{.Run.ID}}} substituted
 * @param outputs what it pushed, with digests (succeeded runs only)
 * @param error why it did not succeed, or null
 */
public record BuildEvent(String runId, String phase, String runStatus, String triggerType,
    String triggerDetail, List<String> images, List<Output> outputs, String error) {
  public static final List<String> PHASES =
      List.of("queued", "started", "succeeded", "failed", "canceled");

  public BuildEvent {
    if (!PHASES.contains(phase)) {
      throw new IllegalArgumentException("unknown build phase " + phase);
    }
    images = List.copyOf(images == null ? List.of() : images);
    outputs = List.copyOf(outputs == null ? List.of() : outputs);
  }

  /** An image the run pushed: {@code repository:tag} and its manifest digest. */
  public record Output(String name, String digest) {}
}

package dev.meridian.core.builds;

import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.StorageException;
import dev.meridian.core.storage.StorageLayout;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The {@code enqueueBuild} function's rule (docs/builds.md "Enqueue"): place the run, take an ID
 * from the placed region's counter, claim the client token, record the run as {@code Queued}.
 *
 * <p><b>Placement.</b> This region when it has room; else the first region in seed order (the
 * order regions were added) that has room, whose seed the ID then carries and whose bucket gets
 * a copy of the context; else this region (the run waits in its queue).
 *
 * <p><b>Idempotence.</b> A client token is claimed in <em>this</em> region's table by a
 * conditional put of {@code token → run ID}, after the ID is allocated and before the run record
 * is written. A retry (same token, same region) finds the claim and returns that run; if the run
 * record is missing (the first call died between claim and write) the retry writes it under the
 * claimed ID. So a token never mints a second ID; an allocated number the claim lost is a gap.
 */
public final class BuildEnqueuer {
  private final BuildRegion self;
  private final List<BuildRegion> regions;
  private final Clock clock;

  /** @param regions every region in seed order, {@code self} among them */
  public BuildEnqueuer(Seed selfSeed, List<BuildRegion> regions, Clock clock) {
    this.regions = List.copyOf(regions);
    this.self = region(selfSeed).orElseThrow(
        () -> new IllegalArgumentException("no build region with seed " + selfSeed));
    this.clock = clock;
  }

  public BuildRun enqueue(BuildRequest request, Trigger trigger) {
    String token = request.clientToken();
    if (token != null) {
      Optional<RunId> owner = self.runs().tokenOwner(token);
      if (owner.isPresent()) {
        return resolve(owner.get(), request, trigger);
      }
    }
    BuildRegion target = place();
    if (target != self) {
      copyContext(request, target);
    }
    RunId id = target.allocator().allocate();
    if (token != null) {
      RunId winner = self.runs().claimToken(token, id);
      if (!winner.equals(id)) {
        return resolve(winner, request, trigger); // a concurrent retry won; id is a gap
      }
    }
    BuildRun run = BuildRun.queued(id, request, trigger, clock.instant());
    if (!target.runs().create(run)) {
      // Only a token's retry can find the ID taken: numbers are never issued twice.
      return target.runs().get(id).orElseThrow(() -> new StorageException("run " + id + " vanished"));
    }
    return run;
  }

  /** The run a claimed token points at; written now if its first enqueue died before writing. */
  private BuildRun resolve(RunId id, BuildRequest request, Trigger trigger) {
    BuildRegion holder = region(id.seed()).orElseThrow(
        () -> new StorageException("client token points at run " + id + " of an unknown region"));
    Optional<BuildRun> run = holder.runs().get(id);
    if (run.isPresent()) {
      return run.get();
    }
    if (holder != self) {
      copyContext(request, holder);
    }
    holder.runs().create(BuildRun.queued(id, request, trigger, clock.instant()));
    return holder.runs().get(id).orElseThrow(() -> new StorageException("run " + id + " vanished"));
  }

  BuildRegion place() {
    if (self.hasRoom()) {
      return self;
    }
    for (BuildRegion r : regions) {
      if (r != self && r.hasRoom()) {
        return r;
      }
    }
    return self;
  }

  private void copyContext(BuildRequest request, BuildRegion target) {
    String key = StorageLayout.buildContext(request.context());
    if (target.objects().head(key).isEmpty()) {
      target.objects().copyFrom(self.objects(), key);
    }
  }

  /** The region whose seed is {@code seed}. */
  public Optional<BuildRegion> region(Seed seed) {
    return regions.stream().filter(r -> r.seed().equals(seed)).findFirst();
  }

  public BuildRegion self() {
    return self;
  }

  public List<BuildRegion> regions() {
    return regions;
  }
}

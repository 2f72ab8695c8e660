package dev.meridian.core.lifecycle.retention;

import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.lifecycle.rules.LifecycleConfig;
import dev.meridian.core.lifecycle.rules.RetentionRule;
import dev.meridian.core.manifest.ManifestService;
import dev.meridian.core.naming.Seed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs retention in one region: plans ({@link RetentionPlanner}) and, unless a dry run, deletes
 * what was selected through the registry's own delete path — a tag tombstone or a manifest
 * tombstone, a normal replicated delete whose events carry {@code reason: retention} in every
 * region. A dry run returns exactly the plan a real run at the same moment acts on.
 *
 * <p>Scheduled runs happen in every region; to delete each thing once (and fire one {@code delete}
 * per region for it, not one per region that decided it) a scheduled run acts only on what its
 * region owns: the tag whose current record, or the manifest whose newest push, originated here.
 * A run on demand acts on everything it selects.
 */
public final class RetentionRunner {
  private static final System.Logger LOG = System.getLogger(RetentionRunner.class.getName());

  private final LifecycleConfig config;
  private final RetentionPlanner planner;
  private final ManifestService manifests;
  private final Seed selfSeed;
  private final Clock clock;

  public RetentionRunner(LifecycleConfig config, RetentionPlanner planner,
      ManifestService manifests, Seed selfSeed, Clock clock) {
    this.config = config;
    this.planner = planner;
    this.manifests = manifests;
    this.selfSeed = selfSeed;
    this.clock = clock;
  }

  /** What a run selected, deleted and had to skip (a lock placed meanwhile, a concurrent delete). */
  public record Report(String id, Instant at, boolean dryRun, List<RetentionCandidate> selected,
      List<RetentionCandidate> deleted, List<String> skipped) {}

  /**
   * @param rule only this rule (null: every rule)
   * @param ownedOnly act only on what this region owns (the scheduled run)
   */
  public Report run(String rule, boolean dryRun, boolean ownedOnly) {
    Instant now = clock.instant();
    List<RetentionRule> rules = config.retention().stream()
        .filter(r -> rule == null || r.name().equals(rule)).toList();
    List<RetentionCandidate> plan = planner.plan(rules, config.locks(), config.immutability(), now)
        .stream().filter(c -> !ownedOnly || selfSeed.equals(c.owner())).toList();
    String id = "retention-" + UUID.randomUUID();
    if (dryRun) {
      return new Report(id, now, true, plan, List.of(), List.of());
    }
    EventRequest request = new EventRequest(id, null, "DELETE", "meridian-retention", "retention");
    List<RetentionCandidate> deleted = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (RetentionCandidate c : plan) {
      try {
        manifests.delete(c.repository(), c.reference(), request);
        deleted.add(c);
      } catch (RegistryException e) {
        // Locked after planning, or deleted meanwhile (MANIFEST_UNKNOWN): nothing to undo.
        skipped.add(c.target() + ": " + e.getMessage());
        LOG.log(System.Logger.Level.INFO, "retention skipped {0}: {1}", c.target(),
            e.getMessage());
      }
    }
    return new Report(id, now, false, plan, deleted, skipped);
  }
}

package dev.meridian.core.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.auth.Action;
import dev.meridian.core.auth.BcryptPasswordHasher;
import dev.meridian.core.auth.CredentialCheck;
import dev.meridian.core.auth.Grant;
import dev.meridian.core.auth.Identity;
import dev.meridian.core.auth.TokenAccess;
import dev.meridian.core.fakes.InMemoryIdentityStore;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.route.RegistryPermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a run's token may do: its owner's pulls, push on its outputs only; and
 * the owners it refuses to act as.
 */
class OwnerAccessTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final InMemoryIdentityStore identities = new InMemoryIdentityStore();
  private final OwnerAccess access = new OwnerAccess(new CredentialCheck(identities,
      new BcryptPasswordHasher(4), Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO), null);

  @Test
  void access_whenOwnerMayPushTheOutputs_pullsWhereTheOwnerMay_andPushesOnlyTheOutputs() {
    Identity dana = account("dana", Set.of(), Grant.of("mine/**", Action.PULL, Action.PUSH,
        Action.DELETE), Grant.of("base/*", Action.PULL));

    List<TokenAccess> token = OwnerAccess.access(dana, Set.of("mine/app"));

    assertThat(token).containsExactly(
        new TokenAccess("repository", "mine/**", List.of("pull")),
        new TokenAccess("repository", "base/*", List.of("pull")),
        new TokenAccess("repository", "mine/app", List.of("push", "pull")));
  }

  @Test
  void access_whenOwnerIsAdmin_pullsEverywhere_butPushesOnlyTheOutputs() {
    Identity root = account("root", Set.of(RegistryPermission.ADMIN));

    assertThat(OwnerAccess.access(root, new LinkedHashSet<>(List.of("a/b")))).containsExactly(
        new TokenAccess("repository", "**", List.of("pull")),
        new TokenAccess("repository", "a/b", List.of("push", "pull")));
  }

  @Test
  void access_whenOwnerMayNotPushAnOutput_isRefusedNamingIt() {
    Identity dana = account("dana", Set.of(), Grant.of("mine/**", Action.PULL, Action.PUSH));

    assertThatThrownBy(() -> OwnerAccess.access(dana, Set.of("other/planted")))
        .isInstanceOf(RunAccess.Refused.class)
        .hasMessage("the run acts as its owner 'dana', who may not push to other/planted");
  }

  @Test
  void apiFor_whenOwnerIsGoneOrUnrecorded_isRefused() {
    identities.create(account("gone", Set.of(), Grant.of("mine/**", Action.PUSH)));
    identities.put(identities.find("gone").orElseThrow().tombstone(T0.plusSeconds(1)));

    assertThatThrownBy(() -> access.apiFor(run("gone"), r -> HttpResponse.of(200)))
        .isInstanceOf(RunAccess.Refused.class)
        .hasMessage("the run acts as its owner 'gone', which no longer exists");
    assertThatThrownBy(() -> access.apiFor(run(""), r -> HttpResponse.of(200)))
        .isInstanceOf(RunAccess.Refused.class).hasMessageContaining("records no owner");
  }

  private static Identity account(String name, Set<RegistryPermission> permissions,
      Grant... grants) {
    return Identity.create(name, Identity.Kind.USER, "hash", List.of(grants), permissions, T0);
  }

  private static BuildRun run(String owner) {
    BuildRequest request = new BuildRequest(Digest.parse("sha256:" + "a".repeat(64)), null,
        List.of("mine/app:1"), Map.of(), null, null, null, owner);
    return BuildRun.queued(new RunId(new Seed("aa"), 1), request, Trigger.MANUAL, T0);
  }
}

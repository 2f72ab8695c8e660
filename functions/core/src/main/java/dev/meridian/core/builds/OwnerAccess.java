package dev.meridian.core.builds;

import dev.meridian.core.auth.Action;
import dev.meridian.core.auth.CredentialCheck;
import dev.meridian.core.auth.Grant;
import dev.meridian.core.auth.Identity;
import dev.meridian.core.auth.InternalCaller;
import dev.meridian.core.auth.Principal;
import dev.meridian.core.auth.TokenAccess;
import dev.meridian.core.auth.TokenService;
import dev.meridian.core.http.HttpHandler;
import dev.meridian.core.oci.ImageName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RunAccess} with access control: the builder's in-process calls carry a
 * token the registry signs for the run's owner, holding the owner's grants as they are when the
 * run starts, narrowed to what a build needs — {@code pull} where the owner may pull (bases,
 * {@code COPY --from} images), and {@code push} only on the run's own output repositories. The
 * token passes the same gate as any client's, so a base the owner may not read is refused, and a
 * mount from a repository the owner may not pull falls back to an upload the source then refuses.
 * An owner who is gone, or who may not push an output, fails the run before it reads anything.
 */
public final class OwnerAccess implements RunAccess {
  private final CredentialCheck accounts;
  private final TokenService tokens;

  /** @param accounts the region's account reads (the gate's, with its short cache) */
  public OwnerAccess(CredentialCheck accounts, TokenService tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
  }

  @Override
  public HttpHandler apiFor(BuildRun run, HttpHandler api) {
    String owner = run.request().owner();
    if (owner.isEmpty()) {
      throw new RunAccess.Refused("the run records no owner to act as (it was enqueued before "
          + "runs recorded one, or without access control); enqueue it again");
    }
    Identity account = accounts.account(owner).orElseThrow(() -> new RunAccess.Refused(
        "the run acts as its owner '" + owner + "', which no longer exists"));
    return new InternalCaller(api, tokens, owner, access(account, outputs(run)));
  }

  /** What the run's token grants: the owner's pulls, and push on {@code outputs} only. */
  static List<TokenAccess> access(Identity account, Set<String> outputs) {
    Principal owner = Principal.of(account);
    List<TokenAccess> access = new ArrayList<>();
    if (account.isAdmin()) {
      access.add(new TokenAccess("repository", "**", List.of(Action.PULL.scopeName())));
    } else {
      for (Grant g : account.grants()) {
        if (g.actions().contains(Action.PULL)) {
          access.add(new TokenAccess("repository", g.repositories().glob(),
              List.of(Action.PULL.scopeName())));
        }
      }
    }
    for (String repository : outputs) {
      if (!owner.may(Action.PUSH, repository)) {
        throw new RunAccess.Refused("the run acts as its owner '" + account.name()
            + "', who may not push to " + repository);
      }
      List<String> actions = new ArrayList<>(List.of(Action.PUSH.scopeName()));
      if (owner.may(Action.PULL, repository)) {
        actions.add(Action.PULL.scopeName());
      }
      access.add(new TokenAccess("repository", repository, actions));
    }
    return access;
  }

  private static Set<String> outputs(BuildRun run) {
    Set<String> repositories = new LinkedHashSet<>();
    for (String image : run.images()) {
      Optional<ImageName> name = parse(image);
      name.ifPresent(n -> repositories.add(n.repository().toString()));
    }
    return repositories;
  }

  private static Optional<ImageName> parse(String image) {
    try {
      return Optional.of(ImageName.parse(image));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the executor refuses a bad name itself, with its own message
    }
  }
}

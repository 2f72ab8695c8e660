package dev.meridian.core.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts everywhere: reads from this region's table, writes to every region's (accounts are
 * global — log in to any region). Writes are last-writer-wins by version, so a write that reached
 * only some regions is completed by repeating it, and two regions' writes to one account converge
 * on the later one. A write that fails in some region throws {@link PartialWriteException} naming
 * them; the caller answers 503 and the client retries (docs/security.md "Accounts").
 */
public final class ReplicatedIdentityStore implements IdentityStore {
  private final IdentityStore local;
  private final Map<String, IdentityStore> regions;

  /** {@code regions}: every region's store by name, this region's ({@code local}) among them. */
  public ReplicatedIdentityStore(IdentityStore local, Map<String, IdentityStore> regions) {
    this.local = local;
    this.regions = new LinkedHashMap<>(regions);
  }

  @Override
  public Optional<Identity> find(String name) {
    return local.find(name);
  }

  @Override
  public List<Identity> list() {
    return local.list();
  }

  @Override
  public boolean put(Identity identity) {
    return everywhere(store -> store.put(identity));
  }

  /**
   * Creates the account in this region first (the conditional write decides between two
   * creators here), then everywhere else with the same version.
   */
  @Override
  public boolean create(Identity identity) {
    if (!local.create(identity)) {
      return false;
    }
    everywhere(store -> store == local || store.put(identity));
    return true;
  }

  @Override
  public AnonymousAccess anonymousAccess() {
    return local.anonymousAccess();
  }

  @Override
  public boolean putAnonymousAccess(AnonymousAccess access) {
    return everywhere(store -> store.putAnonymousAccess(access));
  }

  private boolean everywhere(Write write) {
    boolean stored = true;
    List<String> failed = new ArrayList<>();
    RuntimeException first = null;
    for (Map.Entry<String, IdentityStore> region : regions.entrySet()) {
      try {
        stored &= write.apply(region.getValue());
      } catch (RuntimeException e) {
        failed.add(region.getKey());
        first = first == null ? e : first;
      }
    }
    if (!failed.isEmpty()) {
      throw new PartialWriteException(failed, first);
    }
    return stored;
  }

  private interface Write {
    boolean apply(IdentityStore store);
  }

  /** Some regions did not take a write; repeating it completes it. */
  public static final class PartialWriteException extends RuntimeException {
    private final List<String> regions;

    public PartialWriteException(List<String> regions, Throwable cause) {
      super("not stored in region(s) " + String.join(", ", regions) + "; repeat the request", cause);
      this.regions = List.copyOf(regions);
    }

    public List<String> regions() {
      return regions;
    }
  }
}

package dev.meridian.core.fakes;

import dev.meridian.core.auth.AnonymousAccess;
import dev.meridian.core.auth.Identity;
import dev.meridian.core.auth.IdentityStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** {@link IdentityStore} in memory; passes {@code IdentityStoreContract}. */
public final class InMemoryIdentityStore implements IdentityStore {
  private final Map<String, Identity> accounts = new ConcurrentHashMap<>();
  private final AtomicReference<AnonymousAccess> anonymous =
      new AtomicReference<>(AnonymousAccess.NONE);

  @Override
  public Optional<Identity> find(String name) {
    return Optional.ofNullable(accounts.get(name));
  }

  @Override
  public List<Identity> list() {
    return accounts.values().stream().filter(i -> !i.deleted())
        .sorted(Comparator.comparing(Identity::name)).toList();
  }

  @Override
  public synchronized boolean put(Identity identity) {
    Identity current = accounts.get(identity.name());
    if (current != null && (current.version() > identity.version()
        || (current.version() == identity.version() && !current.equals(identity)))) {
      return false;
    }
    accounts.put(identity.name(), identity);
    return true;
  }

  @Override
  public synchronized boolean create(Identity identity) {
    return accounts.putIfAbsent(identity.name(), identity) == null;
  }

  @Override
  public AnonymousAccess anonymousAccess() {
    return anonymous.get();
  }

  @Override
  public synchronized boolean putAnonymousAccess(AnonymousAccess access) {
    AnonymousAccess current = anonymous.get();
    if (current.version() > access.version()
        || (current.version() == access.version() && !current.equals(access))) {
      return false;
    }
    anonymous.set(access);
    return true;
  }
}

package dev.meridian.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a name and secret against the stored bcrypt hash, and reads accounts and the anonymous
 * switch through a short cache. bcrypt is slow on purpose; clients that send Basic credentials on
 * every request (curl, some CI tools) would pay it per request, so a successful check is
 * remembered for {@code ttl} as a SHA-256 of the secret, valid only for the account version it was
 * checked against. The cost: a changed password, a deleted account or a new anonymous switch
 * takes up to {@code ttl} to reach an instance that cached the old one (docs/security.md).
 */
public final class CredentialCheck {
  private static final int MAX_ENTRIES = 10_000;

  private final IdentityStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached<Optional<Identity>>> accounts = new ConcurrentHashMap<>();
  private final Map<String, Cached<byte[]>> verified = new ConcurrentHashMap<>();
  private volatile Cached<AnonymousAccess> anonymous;
  private volatile String dummyHash;

  public CredentialCheck(IdentityStore store, PasswordHasher hasher, Clock clock, Duration ttl) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The live account named {@code name} if {@code secret} is its secret. */
  public Optional<Identity> check(String name, String secret) {
    Optional<Identity> found = account(name);
    if (found.isEmpty()) {
      // Hash anyway, so a wrong name costs as long as a wrong password (no user enumeration
      // by timing).
      hasher.verify(secret, dummyHash());
      return Optional.empty();
    }
    Identity identity = found.get();
    String key = identity.name() + "\n" + identity.version();
    byte[] digest = sha256(secret);
    Instant now = clock.instant();
    Cached<byte[]> hit = verified.get(key);
    if (hit != null && hit.fresh(now) && MessageDigest.isEqual(hit.value(), digest)) {
      return found;
    }
    if (!hasher.verify(secret, identity.secretHash())) {
      return Optional.empty();
    }
    trim(verified);
    verified.put(key, new Cached<>(digest, now.plus(ttl)));
    return found;
  }

  /** The live (not deleted) account, read through the cache. */
  public Optional<Identity> account(String name) {
    Instant now = clock.instant();
    Cached<Optional<Identity>> hit = accounts.get(name);
    if (hit != null && hit.fresh(now)) {
      return hit.value();
    }
    Optional<Identity> found = store.find(name).filter(i -> !i.deleted());
    trim(accounts);
    accounts.put(name, new Cached<>(found, now.plus(ttl)));
    return found;
  }

  public AnonymousAccess anonymousAccess() {
    Instant now = clock.instant();
    Cached<AnonymousAccess> hit = anonymous;
    if (hit != null && hit.fresh(now)) {
      return hit.value();
    }
    AnonymousAccess access = store.anonymousAccess();
    anonymous = new Cached<>(access, now.plus(ttl));
    return access;
  }

  /** Forgets cached reads, after this instance changed an account or the switch. */
  public void invalidate() {
    accounts.clear();
    verified.clear();
    anonymous = null;
  }

  private static void trim(Map<String, ?> map) {
    if (map.size() > MAX_ENTRIES) {
      map.clear();
    }
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A hash of a random secret at this hasher's cost: what an unknown name is checked against. */
  private String dummyHash() {
    String h = dummyHash;
    if (h == null) {
      h = hasher.hash(Secrets.generate());
      dummyHash = h;
    }
    return h;
  }

  private record Cached<T>(T value, Instant expires) {
    boolean fresh(Instant now) {
      return now.isBefore(expires);
    }
  }
}

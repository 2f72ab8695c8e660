package dev.meridian.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a name and secret against the stored bcrypt hash, and reads accounts and the anonymous
 * switch through a short cache. bcrypt is slow on purpose (about 80 ms of CPU at cost 10 here);
 * clients that send Basic credentials on every request (curl, some CI tools), and docker clients
 * that fetch a token for every push or pull, would pay it each time. So a successful check is
 * remembered as a SHA-256 of the secret, valid only for the account version it was checked
 * against, and concurrent checks of the same secret share one bcrypt run.
 *
 * <p>Two lifetimes. Account reads are trusted for {@code ttl}: a changed password (a new version),
 * a deleted account or a new anonymous switch takes up to that long to reach an instance that
 * cached the old one (docs/security.md). A remembered secret is kept for {@link
 * #VERIFIED_SECRET_TTL} (or {@code ttl}, if longer), which does not lengthen that window: it only
 * matches the account version it was checked against, and the account is re-read every {@code
 * ttl}.
 */
public final class CredentialCheck {
  private static final int MAX_ENTRIES = 10_000;
  /** How long a checked secret is remembered for its account version (see above). */
  public static final Duration VERIFIED_SECRET_TTL = Duration.ofMinutes(15);

  private final IdentityStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Duration ttl;
  private final Duration verifiedTtl;
  private final Map<String, Cached<Optional<Identity>>> accounts = new ConcurrentHashMap<>();
  private final Map<String, Cached<byte[]>> verified = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();
  private volatile Cached<AnonymousAccess> anonymous;
  private volatile String dummyHash;

  public CredentialCheck(IdentityStore store, PasswordHasher hasher, Clock clock, Duration ttl) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.ttl = ttl;
    this.verifiedTtl = ttl.compareTo(VERIFIED_SECRET_TTL) > 0 ? ttl : VERIFIED_SECRET_TTL;
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
    Cached<byte[]> hit = verified.get(key);
    if (hit != null && hit.fresh(clock.instant()) && MessageDigest.isEqual(hit.value(), digest)) {
      return found;
    }
    if (!verifyOnce(key + "\n" + Base64.getEncoder().encodeToString(digest), secret,
        identity.secretHash())) {
      return Optional.empty();
    }
    trim(verified);
    verified.put(key, new Cached<>(digest, clock.instant().plus(verifiedTtl)));
    return found;
  }

  /**
   * bcrypt once for every concurrent check of the same secret against the same account version
   * ({@code flight}): skopeo asks for tokens from several goroutines at the start of a push, and
   * each used to pay its own run.
   */
  private boolean verifyOnce(String flight, String secret, String hash) {
    CompletableFuture<Boolean> mine = new CompletableFuture<>();
    CompletableFuture<Boolean> running = checking.putIfAbsent(flight, mine);
    if (running != null) {
      return running.join();
    }
    try {
      boolean ok = hasher.verify(secret, hash);
      mine.complete(ok);
      return ok;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      checking.remove(flight, mine);
    }
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

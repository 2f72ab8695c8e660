package dev.meridian.core.fakes;

import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.BlobGcIndex;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The claim items of {@link BlobGcIndex} in memory: each transition is one atomic {@code
 * compute} on the blob's entry, as each is one conditional write on DynamoDB.
 */
final class InMemoryBlobClaims implements BlobGcIndex.Claims {
  private record Claim(Instant lastUsed, String condemned, String deleting, Instant deletingAt) {}

  private final ConcurrentMap<Digest, Claim> claims = new ConcurrentHashMap<>();

  @Override
  public boolean claim(Digest digest, Instant now) {
    boolean[] ok = {false};
    claims.compute(digest, (d, held) -> {
      boolean blocked = held != null && held.deleting() != null
          && !held.deletingAt().isBefore(now.minus(BlobGcIndex.STALE_DELETION));
      if (blocked) {
        return held;
      }
      ok[0] = true;
      return new Claim(now, null, null, null);
    });
    return ok[0];
  }

  @Override
  public boolean condemn(Digest digest, String runId, Instant unusedBefore) {
    boolean[] ok = {false};
    claims.compute(digest, (d, held) -> {
      if (held != null && (held.condemned() != null || held.deleting() != null
          || held.lastUsed() != null && !held.lastUsed().isBefore(unusedBefore))) {
        return held;
      }
      ok[0] = true;
      return new Claim(held == null ? null : held.lastUsed(), runId, null, null);
    });
    return ok[0];
  }

  @Override
  public boolean commit(Digest digest, String runId, Instant now) {
    boolean[] ok = {false};
    claims.computeIfPresent(digest, (d, held) -> {
      if (!runId.equals(held.condemned())) {
        return held;
      }
      ok[0] = true;
      return new Claim(held.lastUsed(), null, runId, now);
    });
    return ok[0];
  }

  void forget(Digest digest) {
    claims.remove(digest);
  }
}

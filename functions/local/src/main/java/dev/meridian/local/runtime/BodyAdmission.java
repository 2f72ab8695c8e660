package dev.meridian.local.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the requests with a body a front is serving, in all, per client address, and per address
 * without credentials, and admits one more only within {@link BodyLimits}. A refused request
 * costs no wait: the front answers it 429 at once.
 */
final class BodyAdmission {

  private final BodyLimits limits;
  private final Map<String, int[]> byAddress = new HashMap<>(); // {all, anonymous}
  private int total;

  BodyAdmission(BodyLimits limits) {
    this.limits = limits;
  }

  /** A slot, to be closed when the request's answer is sent; null when over a limit. */
  synchronized Slot tryAdmit(String address, boolean anonymous) {
    int[] counts = byAddress.computeIfAbsent(address, a -> new int[2]);
    if (total >= limits.total() || counts[0] >= limits.perAddress()
        || (anonymous && counts[1] >= limits.anonymousPerAddress())) {
      if (counts[0] == 0) {
        byAddress.remove(address);
      }
      return null;
    }
    total++;
    counts[0]++;
    if (anonymous) {
      counts[1]++;
    }
    return new Slot(address, anonymous);
  }

  private synchronized void release(String address, boolean anonymous) {
    total--;
    int[] counts = byAddress.get(address);
    counts[0]--;
    if (anonymous) {
      counts[1]--;
    }
    if (counts[0] == 0) {
      byAddress.remove(address);
    }
  }

  /** One admitted request; closing it twice releases once. */
  final class Slot implements AutoCloseable {
    private final String address;
    private final boolean anonymous;
    private boolean closed;

    private Slot(String address, boolean anonymous) {
      this.address = address;
      this.anonymous = anonymous;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(address, anonymous);
      }
    }
  }
}

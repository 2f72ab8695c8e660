package dev.meridian.core.auth;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/**
 * Throttles wrong credentials so passwords cannot be guessed, without letting one address lock
 * everybody out (ten wrong passwords from one address once locked out every
 * account at that address, e.g. a whole office behind one NAT). Three buckets, each a {@link
 * RateLimiter} fed only by failures:
 *
 * <ul>
 *   <li>per (address, account): the configured rate and burst; what a mistyped password or a
 *       guesser at one address meets first;
 *   <li>per account, from any address: {@value #ACCOUNT_FACTOR}× that, against a guess spread over
 *       many addresses (the price: an attacker with that many failures can slow one account
 *       everywhere, as with any per-account lockout);
 *   <li>per address, over any account: {@value #ADDRESS_FACTOR}× that, against one address
 *       spraying a common password over many names.
 * </ul>
 *
 * A sign-in is refused (429) while any of its three buckets is empty, and only a failure takes
 * from them, so the right password from an address in good standing still works while another
 * address is throttled for the same account.
 */
public final class SignInThrottle {
  static final int ACCOUNT_FACTOR = 5;
  static final int ADDRESS_FACTOR = 10;

  private final RateLimiter pairs;
  private final RateLimiter accounts;
  private final RateLimiter addresses;

  /** {@code perMinute} failures a minute after a burst of {@code burst}, per (address, account). */
  public SignInThrottle(double perMinute, int burst, Clock clock) {
    double rate = perMinute / 60.0;
    this.pairs = new RateLimiter(rate, burst, clock);
    this.accounts = new RateLimiter(rate * ACCOUNT_FACTOR, burst * ACCOUNT_FACTOR, clock);
    this.addresses = new RateLimiter(rate * ADDRESS_FACTOR, burst * ADDRESS_FACTOR, clock);
  }

  public static SignInThrottle unlimited() {
    return new SignInThrottle(0, 1, Clock.systemUTC());
  }

  /** Seconds to wait before {@code account} may try again from {@code address}; empty: now. */
  public OptionalLong refusal(String address, String account) {
    for (Check c : checks(address, account)) {
      OptionalLong wait = c.limiter().peek(c.key());
      if (wait.isPresent()) {
        return wait;
      }
    }
    return OptionalLong.empty();
  }

  /** Records one wrong credential for {@code account} from {@code address}. */
  public void failed(String address, String account) {
    checks(address, account).forEach(c -> c.limiter().acquire(c.key()));
  }

  private List<Check> checks(String address, String account) {
    // A newline cannot occur in an address or an account name (Basic's name ends at ':'), so
    // the pair key is unambiguous.
    return List.of(new Check(pairs, address + "\n" + account), new Check(accounts, account),
        new Check(addresses, address));
  }

  private record Check(RateLimiter limiter, String key) {}
}

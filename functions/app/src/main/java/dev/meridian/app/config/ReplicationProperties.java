package dev.meridian.app.config;

import dev.meridian.core.naming.Seed;
import java.util.ArrayList;
import java.util.List;

/**
 * The replica set as a region's functions are told it: {@code MERIDIAN_PEERS} ({@code
 * meridian.peers}), a comma-separated list of {@code name:seed:bucket:table[:awsRegion]}, one
 * entry per other region, e.g. {@code westeurope:ab:meridian-westeurope:meridian-westeurope}.
 * The optional AWS region gives that peer its own SDK clients (its bucket and table live there);
 * without it the peer is reached with this region's clients, as in the local runtime where one
 * s3proxy and one DynamoDB Local hold every region. Empty: a single-region registry.
 *
 * <p>{@code MERIDIAN_PULL_THROUGH_APPLY} ({@code meridian.pull-through-apply}, default true):
 * whether a pull that copies a missing image here ahead of replication also applies it to the
 * index at once (docs/replication.md "What a pull sees while replicating"). template.yaml sets it
 * false for the pull function, whose role writes no table: the copy's notification has the
 * replicate function apply it.
 *
 * <p>Both are bound as part of {@link MeridianProperties} (one binding of {@code meridian.*});
 * this record reads them.
 */
public record ReplicationProperties(String peers, Boolean pullThroughApply) {

  /** One other region. {@code awsRegion} is null when it shares this region's clients. */
  public record Peer(String name, Seed seed, String bucket, String table, String awsRegion) {}

  public ReplicationProperties {
    peers = peers == null ? "" : peers.trim();
    pullThroughApply = pullThroughApply == null || pullThroughApply;
    parse(peers); // fail at start on a malformed list
  }

  /** The peers only; pull-through copies are applied at once. */
  public ReplicationProperties(String peers) {
    this(peers, null);
  }

  public List<Peer> peerList() {
    return parse(peers);
  }

  private static List<Peer> parse(String peers) {
    List<Peer> list = new ArrayList<>();
    for (String entry : peers.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      String[] f = e.split(":", -1);
      if ((f.length != 4 && f.length != 5) || List.of(f).stream().anyMatch(String::isBlank)) {
        throw new IllegalArgumentException("MERIDIAN_PEERS entry '" + e
            + "' is not name:seed:bucket:table[:awsRegion]");
      }
      if (!Seed.isValid(f[1])) {
        throw new IllegalArgumentException("MERIDIAN_PEERS entry '" + e + "': seed '" + f[1]
            + "' must be two base-32 characters, e.g. ab");
      }
      list.add(new Peer(f[0], new Seed(f[1]), f[2], f[3], f.length == 5 ? f[4] : null));
    }
    return list;
  }
}

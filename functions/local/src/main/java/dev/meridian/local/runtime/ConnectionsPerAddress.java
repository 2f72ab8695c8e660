package dev.meridian.local.runtime;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one client address holds open to a front; one more is closed as soon as
 * it opens, before a byte of it is read. A connection costs no thread while it waits for a
 * request, but it does cost a file descriptor, and a client sending its headers one byte at a
 * time keeps one open indefinitely (each byte renews Jetty's idle timeout): without a cap one
 * address could use up the process's descriptors, and with them s3proxy's object files and
 * DynamoDB Local's database. Listening on loopback, every local client shares an address, so the
 * cap is far above what registry clients open (docker pushes on 5 connections, skopeo and crane
 * on a handful).
 */
final class ConnectionsPerAddress implements Connection.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);
  /** Open connections per client address and front. */
  static final int DEFAULT_LIMIT = 256;

  private final int limit;
  private final Map<String, Integer> open = new HashMap<>();
  // The address each counted end point was counted under: a closed one has no remote address.
  private final Map<EndPoint, String> counted = new ConcurrentHashMap<>();

  ConnectionsPerAddress(int limit) {
    this.limit = limit;
  }

  @Override
  public void onOpened(Connection connection) {
    EndPoint endPoint = connection.getEndPoint();
    String address = address(endPoint.getRemoteSocketAddress());
    if (admit(address)) {
      counted.put(endPoint, address);
    } else {
      LOG.debug("closing a connection from {}: {} open already", address, limit);
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    String address = counted.remove(connection.getEndPoint());
    if (address != null) {
      release(address);
    }
  }

  private synchronized boolean admit(String address) {
    int n = open.getOrDefault(address, 0);
    if (n >= limit) {
      return false;
    }
    open.put(address, n + 1);
    return true;
  }

  private synchronized void release(String address) {
    open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  private static String address(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : String.valueOf(remote);
  }
}

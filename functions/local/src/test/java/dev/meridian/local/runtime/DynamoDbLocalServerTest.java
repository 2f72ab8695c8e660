package dev.meridian.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB Local checks no credentials, so it must not be reachable from other hosts: it
 * answers on loopback and refuses connections on the machine's other addresses.
 */
class DynamoDbLocalServerTest {

  @Test
  void listensOnLoopbackOnly() throws Exception {
    int port = FreePorts.pick();
    try (DynamoDbLocalServer server = DynamoDbLocalServer.start(null, port)) {
      try (Socket loopback = new Socket()) {
        loopback.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        assertThat(loopback.isConnected()).isTrue();
      }
      List<InetAddress> others = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
          .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
          .toList();
      for (InetAddress address : others) {
        assertThatThrownBy(() -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, server.port()), 2000);
          }
        }).as("%s:%d", address, server.port()).isInstanceOf(IOException.class);
      }
    }
  }
}

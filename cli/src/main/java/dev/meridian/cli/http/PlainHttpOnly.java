package dev.meridian.cli.http;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a {@code java.net.http} client that only ever sends {@code http://}
 * requests. Built without one, the client makes the JDK's default context at once, reading the
 * trust store: measured 0.1–0.3 CPU s of every CLI command against a loopback registry
 * (docs/benchmarks.md). {@link RegistryClient} sends {@code https://} requests through a second,
 * default client made when first needed, so nothing here is ever asked for TLS; if it were, it
 * fails loudly rather than connect without checking certificates.
 */
final class PlainHttpOnly extends SSLContext {

  PlainHttpOnly() {
    super(new Refusing(), null, "none");
  }

  /** Parameters to give the client with this context (it would otherwise ask the context for them). */
  static SSLParameters parameters() {
    return new SSLParameters();
  }

  private static final class Refusing extends SSLContextSpi {
    private static IllegalStateException refused() {
      return new IllegalStateException("internal: TLS through the plain-HTTP client");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, java.security.SecureRandom random) {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      throw refused();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      throw refused();
    }
  }
}

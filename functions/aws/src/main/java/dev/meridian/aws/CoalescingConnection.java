package dev.meridian.aws;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.URI;
import java.security.Permission;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An {@link HttpURLConnection} whose request body reaches the socket in writes of up to
 * {@value #BODY_BUFFER} bytes; everything else is the wrapped connection's.
 *
 * <p>Why. {@code url-connection-client} copies a request body with {@code IoUtils.copy}, 4 KiB at a
 * time, and the JDK's streaming output flushes after every write ({@code
 * StreamingOutputStream.write} calls {@code PrintStream.checkError}): a 256 MiB part went to S3 in
 * 65,536 socket writes ({@code strace -e write} on the local runtime, 2026-12-06), and the region's
 * request thread spent 600–760 ms of CPU per 256 MiB PATCH, of which SHA-256 is ~170 ms. The
 * buffer is flushed before anything of the response is read, so the JDK still checks that the
 * fixed length was written in full.
 *
 * <p>Timeouts. The SDK builds this client with {@code UrlConnectionHttpClient.create(factory)},
 * which has no builder for timeouts; its defaults would be applied through {@link
 * #setConnectTimeout} and {@link #setReadTimeout}, so this connection keeps the ones it was made
 * with instead. The SDK's own connection factory is bypassed with it, so TLS is the JDK's default
 * (system trust store, which the SDK's default factory also uses when no trust or key managers
 * are configured, as here) and a proxy comes from the JDK's {@code ProxySelector} (the {@code
 * https.proxyHost} properties), not from {@code HTTPS_PROXY} in the environment.
 */
final class CoalescingConnection extends HttpURLConnection {

  static final int BODY_BUFFER = 256 << 10;

  private final HttpURLConnection delegate;
  private OutputStream body;

  CoalescingConnection(HttpURLConnection delegate, Duration connect, Duration read) {
    super(delegate.getURL());
    this.delegate = delegate;
    delegate.setConnectTimeout((int) connect.toMillis());
    delegate.setReadTimeout((int) read.toMillis());
  }

  /** Opens a connection to {@code uri} (no proxy lookup beyond the JDK's own). */
  static HttpURLConnection open(URI uri, Duration connect, Duration read) {
    try {
      return new CoalescingConnection((HttpURLConnection) uri.toURL().openConnection(), connect,
          read);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    if (body == null) {
      body = new BufferedOutputStream(delegate.getOutputStream(), BODY_BUFFER);
    }
    return body;
  }

  /** Sends what the body buffer holds; the response can be read after it. */
  private void flushBody() throws IOException {
    if (body != null) {
      body.flush();
    }
  }

  private void flushBodyQuietly() {
    try {
      flushBody();
    } catch (IOException e) {
      // The write failed; reading the response reports it (or the error stream is all there is).
    }
  }

  // ---- reading the response: the body goes first ----

  @Override
  public int getResponseCode() throws IOException {
    flushBody();
    return delegate.getResponseCode();
  }

  @Override
  public String getResponseMessage() throws IOException {
    flushBody();
    return delegate.getResponseMessage();
  }

  @Override
  public InputStream getInputStream() throws IOException {
    flushBody();
    return delegate.getInputStream();
  }

  @Override
  public InputStream getErrorStream() {
    flushBodyQuietly();
    return delegate.getErrorStream();
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    flushBodyQuietly();
    return delegate.getHeaderFields();
  }

  @Override
  public String getHeaderField(String name) {
    flushBodyQuietly();
    return delegate.getHeaderField(name);
  }

  @Override
  public String getHeaderField(int n) {
    flushBodyQuietly();
    return delegate.getHeaderField(n);
  }

  @Override
  public String getHeaderFieldKey(int n) {
    flushBodyQuietly();
    return delegate.getHeaderFieldKey(n);
  }

  @Override
  public int getHeaderFieldInt(String name, int fallback) {
    flushBodyQuietly();
    return delegate.getHeaderFieldInt(name, fallback);
  }

  @Override
  public long getHeaderFieldLong(String name, long fallback) {
    flushBodyQuietly();
    return delegate.getHeaderFieldLong(name, fallback);
  }

  @Override
  public long getHeaderFieldDate(String name, long fallback) {
    flushBodyQuietly();
    return delegate.getHeaderFieldDate(name, fallback);
  }

  @Override
  public int getContentLength() {
    flushBodyQuietly();
    return delegate.getContentLength();
  }

  @Override
  public long getContentLengthLong() {
    flushBodyQuietly();
    return delegate.getContentLengthLong();
  }

  @Override
  public String getContentType() {
    flushBodyQuietly();
    return delegate.getContentType();
  }

  @Override
  public String getContentEncoding() {
    flushBodyQuietly();
    return delegate.getContentEncoding();
  }

  @Override
  public long getDate() {
    flushBodyQuietly();
    return delegate.getDate();
  }

  @Override
  public long getExpiration() {
    flushBodyQuietly();
    return delegate.getExpiration();
  }

  @Override
  public long getLastModified() {
    flushBodyQuietly();
    return delegate.getLastModified();
  }

  @Override
  public Object getContent() throws IOException {
    flushBody();
    return delegate.getContent();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Object getContent(Class[] classes) throws IOException {
    flushBody();
    return delegate.getContent(classes);
  }

  // ---- everything else: the wrapped connection's ----

  @Override
  public void connect() throws IOException {
    delegate.connect();
  }

  @Override
  public void disconnect() {
    delegate.disconnect();
  }

  @Override
  public boolean usingProxy() {
    return delegate.usingProxy();
  }

  @Override
  public void setConnectTimeout(int timeout) {
    // keeps the timeout it was opened with (class comment)
  }

  @Override
  public int getConnectTimeout() {
    return delegate.getConnectTimeout();
  }

  @Override
  public void setReadTimeout(int timeout) {
    // keeps the timeout it was opened with (class comment)
  }

  @Override
  public int getReadTimeout() {
    return delegate.getReadTimeout();
  }

  @Override
  public void setRequestMethod(String method) throws ProtocolException {
    delegate.setRequestMethod(method);
  }

  @Override
  public String getRequestMethod() {
    return delegate.getRequestMethod();
  }

  @Override
  public void setRequestProperty(String key, String value) {
    delegate.setRequestProperty(key, value);
  }

  @Override
  public void addRequestProperty(String key, String value) {
    delegate.addRequestProperty(key, value);
  }

  @Override
  public String getRequestProperty(String key) {
    return delegate.getRequestProperty(key);
  }

  @Override
  public Map<String, List<String>> getRequestProperties() {
    return delegate.getRequestProperties();
  }

  @Override
  public void setFixedLengthStreamingMode(int length) {
    delegate.setFixedLengthStreamingMode(length);
  }

  @Override
  public void setFixedLengthStreamingMode(long length) {
    delegate.setFixedLengthStreamingMode(length);
  }

  @Override
  public void setChunkedStreamingMode(int chunkLength) {
    delegate.setChunkedStreamingMode(chunkLength);
  }

  @Override
  public void setInstanceFollowRedirects(boolean follow) {
    delegate.setInstanceFollowRedirects(follow);
  }

  @Override
  public boolean getInstanceFollowRedirects() {
    return delegate.getInstanceFollowRedirects();
  }

  @Override
  public void setDoOutput(boolean doOutput) {
    delegate.setDoOutput(doOutput);
  }

  @Override
  public boolean getDoOutput() {
    return delegate.getDoOutput();
  }

  @Override
  public void setDoInput(boolean doInput) {
    delegate.setDoInput(doInput);
  }

  @Override
  public boolean getDoInput() {
    return delegate.getDoInput();
  }

  @Override
  public void setUseCaches(boolean useCaches) {
    delegate.setUseCaches(useCaches);
  }

  @Override
  public boolean getUseCaches() {
    return delegate.getUseCaches();
  }

  @Override
  public void setDefaultUseCaches(boolean useCaches) {
    delegate.setDefaultUseCaches(useCaches);
  }

  @Override
  public boolean getDefaultUseCaches() {
    return delegate.getDefaultUseCaches();
  }

  @Override
  public void setAllowUserInteraction(boolean allow) {
    delegate.setAllowUserInteraction(allow);
  }

  @Override
  public boolean getAllowUserInteraction() {
    return delegate.getAllowUserInteraction();
  }

  @Override
  public void setIfModifiedSince(long since) {
    delegate.setIfModifiedSince(since);
  }

  @Override
  public long getIfModifiedSince() {
    return delegate.getIfModifiedSince();
  }

  @Override
  public void setAuthenticator(java.net.Authenticator authenticator) {
    delegate.setAuthenticator(authenticator);
  }

  @Override
  public Permission getPermission() throws IOException {
    return delegate.getPermission();
  }

  @Override
  public java.net.URL getURL() {
    return delegate.getURL();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}

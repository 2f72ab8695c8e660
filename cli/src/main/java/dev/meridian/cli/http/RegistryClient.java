package dev.meridian.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.auth.Credentials;
import dev.meridian.cli.error.CliException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP to one registry ({@code host[:port]}) with its auth: the Docker token flow for {@code /v2/}
 * (401 + {@code WWW-Authenticate: Bearer realm,service,scope} → GET realm with Basic → token, kept
 * per repository), Basic for {@code /meridian/} and for registries that challenge with Basic.
 * Redirects (blob GETs answer 307 to presigned storage URLs) are followed here, without the
 * {@code Authorization} header when the target is another host: S3 refuses a presigned request
 * that also carries one (docs/architecture.md "Measured facts", moby#50065).
 */
public final class RegistryClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REDIRECTS = 5;

  private final String host;
  private final URI base;
  private final Credentials credentials;
  private final HttpClient http;
  /** For {@code https://} URIs when {@link #http} is plain-HTTP only ({@link PlainHttpOnly}); else {@link #http}. */
  private final java.util.function.Supplier<HttpClient> https;
  private final boolean plainHttpAllowed;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private volatile java.util.function.Function<URI, RegistryClient> peers;

  /** {@code plainHttpAllowed}: the user chose {@code --plain-http}, so cleartext realms are accepted. */
  public RegistryClient(String host, URI base, Credentials credentials, HttpClient http, boolean plainHttpAllowed) {
    this(host, base, credentials, http, () -> http, plainHttpAllowed);
  }

  private RegistryClient(String host, URI base, Credentials credentials, HttpClient http,
      java.util.function.Supplier<HttpClient> https, boolean plainHttpAllowed) {
    this.host = host;
    this.base = base;
    this.credentials = credentials;
    this.http = http;
    this.https = https;
    this.plainHttpAllowed = plainHttpAllowed;
  }

  /** Loopback registries speak plain HTTP (as docker treats 127.0.0.0/8); others HTTPS. */
  public static RegistryClient connect(String host, Credentials credentials, boolean plainHttp) {
    String scheme = plainHttp || isLoopback(host) ? "http" : "https";
    URI base = URI.create(scheme + "://" + host);
    if (scheme.equals("https")) {
      HttpClient http = builder().build();
      return new RegistryClient(host, base, credentials, http, () -> http, plainHttp);
    }
    // A plain-HTTP registry: no TLS set-up unless a realm or redirect leads to https://.
    HttpClient plain = builder().sslContext(new PlainHttpOnly()).sslParameters(PlainHttpOnly.parameters()).build();
    HttpClient[] tls = new HttpClient[1];
    return new RegistryClient(host, base, credentials, plain, () -> {
      synchronized (tls) {
        if (tls[0] == null) {
          tls[0] = builder().build();
        }
        return tls[0];
      }
    }, plainHttp);
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(15))
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  static boolean isLoopback(String host) {
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
        : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
    return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
  }

  /**
   * How to reach another host the registry sends the client to as part of the protocol (an upload
   * {@code Location} in a peer region, as Meridian's global endpoint answers): a client with that
   * host's own stored credentials, never this one's.
   */
  public void peers(java.util.function.Function<URI, RegistryClient> lookup) {
    this.peers = lookup;
  }

  /** The client for {@code uri}: this one for this registry, else the peer's (see {@link #peers}). */
  public RegistryClient at(URI uri) {
    java.util.function.Function<URI, RegistryClient> lookup = peers;
    return sameHost(uri) || lookup == null || uri.getRawAuthority() == null ? this : lookup.apply(uri);
  }

  public String host() {
    return host;
  }

  public URI base() {
    return base;
  }

  public URI resolve(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }

  public boolean hasCredentials() {
    return credentials != null;
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Sends with auth (one retry after a challenge) and follows GET/HEAD redirects. */
  public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    HttpRequest built = request.build();
    String key = RepositoryKey.of(built.uri().getPath());
    HttpResponse<T> response = exchange(withAuth(request, built.uri(), key), handler);
    if (response.statusCode() == 401 && sameHost(built.uri())) {
      String header = response.headers().firstValue("WWW-Authenticate").orElse("");
      Challenge challenge = Challenge.parse(header).orElse(null);
      if (challenge != null && challenge.isBearer() && challenge.param("realm") != null) {
        tokens.put(key, fetchToken(challenge));
        response = exchange(withAuth(request, built.uri(), key), handler);
      } else if (challenge != null && challenge.scheme().equals("basic") && credentials != null) {
        response = exchange(request.setHeader("Authorization", credentials.basicHeader()), handler);
      }
    }
    return followRedirects(built, response, handler);
  }

  /**
   * A blob's bytes to or from {@code uri} through {@link BulkHttp} on the calling thread, with this
   * registry's auth when {@code uri} is on it (none for storage URLs: a presigned request must not
   * carry a second signature) and, after a 401 challenge, once more with the token or password it
   * asks for, as {@link #send} does. {@code body} gives the request body at each send. Redirects
   * are not followed: the caller decides which headers the next hop may carry.
   */
  public BulkHttp.Response bulk(String method, URI uri, Map<String, String> headers,
      java.util.function.Supplier<BulkHttp.Body> body, java.util.function.LongConsumer sent) {
    String key = RepositoryKey.of(uri.getPath());
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    String auth = authorization(uri, key);
    if (auth != null) {
      all.put("Authorization", auth);
    }
    BulkHttp.Response response = bulkExchange(method, uri, all, body.get(), sent);
    if (response.status() == 401 && sameHost(uri)) {
      Challenge challenge = Challenge.parse(response.header("WWW-Authenticate") == null ? ""
          : response.header("WWW-Authenticate")).orElse(null);
      if (challenge != null && challenge.isBearer() && challenge.param("realm") != null) {
        response.close();
        tokens.put(key, fetchToken(challenge));
        all.put("Authorization", "Bearer " + tokens.get(key));
        response = bulkExchange(method, uri, all, body.get(), sent);
      } else if (challenge != null && challenge.scheme().equals("basic") && credentials != null) {
        response.close();
        all.put("Authorization", credentials.basicHeader());
        response = bulkExchange(method, uri, all, body.get(), sent);
      }
    }
    return response;
  }

  private String authorization(URI uri, String key) {
    if (!sameHost(uri)) {
      return null;
    }
    String token = tokens.get(key);
    if (token != null) {
      return "Bearer " + token;
    }
    return credentials != null && uri.getPath().startsWith("/meridian/") ? credentials.basicHeader() : null;
  }

  private static BulkHttp.Response bulkExchange(String method, URI uri, Map<String, String> headers,
      BulkHttp.Body body, java.util.function.LongConsumer sent) {
    try {
      return BulkHttp.exchange(method, uri, headers, body, sent);
    } catch (java.net.ConnectException e) {
      throw CliException.io("cannot connect to " + uri.getAuthority() + " (connection refused)");
    } catch (IOException e) {
      // a storage URL is a credential until it expires: name its host only
      throw CliException.io(method + " " + uri.getScheme() + "://" + uri.getRawAuthority()
          + uri.getRawPath() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  /** A JSON request to the registry's own API; a failure becomes a {@link CliException}. */
  public JsonNode json(String method, String path, Object body) {
    try {
      return exchangeJson(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)), body == null ? null : "application/json");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request with any body (e.g. a build context file) answered with JSON. */
  public JsonNode exchangeJson(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path))
        .method(method, body).header("Accept", "application/json");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw RegistryErrors.of(response, method + " " + path);
    }
    try {
      byte[] bytes = response.body();
      return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    } catch (IOException e) {
      throw CliException.io(method + " " + path + ": answer is not JSON: " + e.getMessage());
    }
  }

  public JsonNode getJson(String path) {
    return json("GET", path, null);
  }

  private HttpRequest.Builder withAuth(HttpRequest.Builder request, URI uri, String key) {
    if (!sameHost(uri)) {
      return request;
    }
    String token = tokens.get(key);
    if (token != null) {
      return request.setHeader("Authorization", "Bearer " + token);
    }
    if (credentials != null && uri.getPath().startsWith("/meridian/")) {
      return request.setHeader("Authorization", credentials.basicHeader());
    }
    return request;
  }

  private String fetchToken(Challenge challenge) {
    checkRealm(challenge.param("realm"));
    StringBuilder url = new StringBuilder(challenge.param("realm"));
    char sep = url.indexOf("?") < 0 ? '?' : '&';
    if (challenge.param("service") != null) {
      url.append(sep).append("service=").append(encode(challenge.param("service")));
      sep = '&';
    }
    String scope = challenge.param("scope");
    if (scope != null) {
      for (String s : scope.split(" ")) {
        url.append(sep).append("scope=").append(encode(s));
        sep = '&';
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).GET();
    if (credentials != null) {
      request.header("Authorization", credentials.basicHeader());
    }
    HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw RegistryErrors.of(response, "sign in to " + host
          + (credentials == null ? " (no credentials: run meridian login " + host + ")" : " as " + credentials.user()));
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String token = body.path("token").asText(body.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw CliException.io("token endpoint " + challenge.param("realm") + " answered no token");
      }
      return token;
    } catch (IOException e) {
      throw CliException.io("token endpoint answered no JSON: " + e.getMessage());
    }
  }

  /**
   * The realm comes from the registry's answer, and the password goes there. So: only http(s),
   * and never in clear text over a network (loopback is local; {@code --plain-http} is the user's
   * explicit choice), so a challenge cannot send the password unencrypted to some other host.
   */
  private void checkRealm(String realm) {
    URI uri;
    try {
      uri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new CliException(dev.meridian.cli.error.ExitCode.AUTH, "UNAUTHORIZED", "token realm is not a URL: " + realm);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    boolean https = scheme.equals("https");
    boolean plain = scheme.equals("http");
    if (!https && !plain || uri.getRawAuthority() == null) {
      throw new CliException(dev.meridian.cli.error.ExitCode.AUTH, "UNAUTHORIZED", "token realm is not an http(s) URL: " + realm);
    }
    if (plain && credentials != null && !plainHttpAllowed && !isLoopback(uri.getRawAuthority())) {
      throw new CliException(dev.meridian.cli.error.ExitCode.AUTH, "UNAUTHORIZED", "refusing to send credentials in clear text"
          + " to token realm " + realm + " (the registry should use https; --plain-http allows it)");
    }
  }

  private <T> HttpResponse<T> followRedirects(
      HttpRequest original, HttpResponse<T> response, HttpResponse.BodyHandler<T> handler) {
    int hops = 0;
    String method = original.method();
    while (isRedirect(response.statusCode()) && (method.equals("GET") || method.equals("HEAD"))
        && response.headers().firstValue("Location").isPresent() && hops++ < MAX_REDIRECTS) {
      URI target = response.uri().resolve(response.headers().firstValue("Location").get());
      HttpRequest.Builder next = HttpRequest.newBuilder(target).method(method, HttpRequest.BodyPublishers.noBody());
      original.headers().map().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Authorization")) {
          values.forEach(v -> next.header(name, v));
        }
      });
      response = sameHost(target) ? send(next, handler) : exchange(next, handler);
    }
    return response;
  }

  private boolean sameHost(URI uri) {
    return uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(base.getRawAuthority());
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    HttpRequest built = request.build();
    try {
      return ("https".equalsIgnoreCase(built.uri().getScheme()) ? https.get() : http).send(built, handler);
    } catch (java.net.ConnectException e) {
      throw CliException.io("cannot connect to " + built.uri().getAuthority() + " (connection refused)");
    } catch (IOException e) {
      throw CliException.io(built.method() + " " + built.uri() + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.io("interrupted");
    }
  }
}

package dev.meridian.local.runtime;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;

/** One running region: its bucket and table exist, its functions run, its endpoint listens. */
public final class RegionEndpoints implements AutoCloseable {

  private final MeridianProperties properties;
  private final RegionFunctions functions;
  private final HttpFront front;
  private final Function<HttpRequest, HttpResponse> http;

  private RegionEndpoints(MeridianProperties properties, RegionFunctions functions, HttpFront front,
      Function<HttpRequest, HttpResponse> http) {
    this.properties = properties;
    this.functions = functions;
    this.front = front;
    this.http = http;
  }

  /**
   * Creates the region's bucket and table if missing (the storage servers must be up) and serves
   * {@code functions} on 127.0.0.1:{@code port}. Closes {@code functions} if this fails.
   */
  public static RegionEndpoints serve(MeridianProperties properties, RegionFunctions functions,
      int port) throws IOException {
    return serve(properties, functions, functions, port);
  }

  /**
   * As above, with {@code http} answering the region's HTTP requests instead of {@code
   * functions} (the API Gateway emulator of {@code --front lambda}); {@code functions} still run
   * the region's background work.
   */
  public static RegionEndpoints serve(MeridianProperties properties, RegionFunctions functions,
      Function<HttpRequest, HttpResponse> http, int port) throws IOException {
    try {
      RegionResources.createIfMissing(properties);
      return new RegionEndpoints(properties, functions,
          HttpFront.start(properties.region(), port, HttpFront.DEFAULT_THREADS, http), http);
    } catch (IOException | RuntimeException e) {
      functions.close();
      throw e;
    }
  }

  public MeridianProperties properties() {
    return properties;
  }

  public URI uri() {
    return front.uri();
  }

  /** The region's functions (background work; HTTP in the default front). */
  public RegionFunctions functions() {
    return functions;
  }

  /** What answers the region's HTTP requests (for the global endpoint). */
  public Function<HttpRequest, HttpResponse> http() {
    return http;
  }

  @Override
  public void close() {
    front.close();
    if (http instanceof AutoCloseable closeable && http != functions) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing the emulator's functions; the region's own context closes next regardless
      }
    }
    functions.close();
  }
}

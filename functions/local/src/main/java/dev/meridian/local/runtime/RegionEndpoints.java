package dev.meridian.local.runtime;

import dev.meridian.app.MeridianProperties;
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

  private RegionEndpoints(MeridianProperties properties, RegionFunctions functions, HttpFront front) {
    this.properties = properties;
    this.functions = functions;
    this.front = front;
  }

  /**
   * Creates the region's bucket and table if missing (the storage servers must be up) and serves
   * {@code functions} on 127.0.0.1:{@code port}. Closes {@code functions} if this fails.
   */
  public static RegionEndpoints serve(MeridianProperties properties, RegionFunctions functions,
      int port) throws IOException {
    try {
      RegionResources.createIfMissing(properties);
      return new RegionEndpoints(properties, functions,
          HttpFront.start(properties.region(), port, HttpFront.DEFAULT_THREADS, functions));
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

  /** The region's functions as one HTTP function (for the global endpoint). */
  public RegionFunctions functions() {
    return functions;
  }

  @Override
  public void close() {
    front.close();
    functions.close();
  }
}

package dev.meridian.cli;

import java.net.URI;

/**
 * The local runtime (three regions, auth on) in this JVM, as functions/local's e2e tests start it:
 * {@code LocalRuntime.start(LocalOptions.ephemeralOnFreePorts())}.
 *
 * <p>Through reflection because meridian-local's jar is Boot-repackaged once the reactor packages
 * it: the module depends on its pom and surefire adds its classes (cli/pom.xml), which the test
 * compiler does not see. These few calls are the whole surface the tests use.
 */
final class LocalRegistry implements AutoCloseable {

  private final Object runtime;

  private LocalRegistry(Object runtime) {
    this.runtime = runtime;
  }

  static LocalRegistry start() {
    return start("DIRECT");
  }

  /**
   * With {@code front} {@code LAMBDA}: each region behind the API Gateway emulator and the Lambda
   * entry points, with their body limit ({@code --front lambda}, docs/aws.md).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static LocalRegistry start(String front) {
    try {
      Class<?> options = Class.forName("dev.meridian.local.LocalOptions");
      Class<?> runtime = Class.forName("dev.meridian.local.LocalRuntime");
      Class<? extends Enum> fronts = (Class<? extends Enum>) Class.forName("dev.meridian.local.LocalOptions$Front");
      Object ephemeral = options.getMethod("ephemeralOnFreePorts").invoke(null);
      ephemeral = options.getMethod("withFront", fronts).invoke(ephemeral, Enum.valueOf(fronts, front));
      return new LocalRegistry(runtime.getMethod("start", options).invoke(null, ephemeral));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start the local runtime (functions/local compiled?)", e);
    }
  }

  /** {@code 127.0.0.1:PORT} of a region. */
  String region(String name) {
    try {
      return ((URI) runtime.getClass().getMethod("regionEndpoint", String.class).invoke(runtime, name)).getAuthority();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code 127.0.0.1:PORT} of the global endpoint (routes like Traffic Manager). */
  String global() {
    try {
      return ((URI) runtime.getClass().getMethod("globalEndpoint").invoke(runtime)).getAuthority();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      ((AutoCloseable) runtime).close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

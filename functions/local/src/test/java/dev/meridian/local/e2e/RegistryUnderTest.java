package dev.meridian.local.e2e;

import dev.meridian.core.settings.RegistrySettings.BlobDelivery;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.LocalRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The registry an end-to-end test talks to. Meridian's local runtime by default; set
 * {@code -Dmeridian.e2e.target=docker-registry} (or env {@code MERIDIAN_E2E_TARGET}) to run the
 * same tests against the reference registry — that is how the clients, the OCI layout builder and
 * the assertions themselves were proven before Meridian's runtime existed.
 */
abstract class RegistryUnderTest implements AutoCloseable {

  static final String TARGET_PROPERTY = "meridian.e2e.target";

  /** Starts the selected registry; {@code delivery} applies to Meridian only. */
  static RegistryUnderTest start(BlobDelivery delivery) {
    return start(delivery, LocalOptions.Front.DIRECT);
  }

  /** As above, Meridian's regions served by {@code front} (direct, or API Gateway + Lambda). */
  static RegistryUnderTest start(BlobDelivery delivery, LocalOptions.Front front) {
    String target = System.getProperty(TARGET_PROPERTY, System.getenv().getOrDefault("MERIDIAN_E2E_TARGET", "meridian"));
    return switch (target) {
      case "meridian" -> new Meridian(LocalRuntime.start(LocalOptions.ephemeralOnFreePorts()
          .withBlobDelivery(delivery).withFront(front)), delivery);
      case "docker-registry" -> new Reference(RegistryProcess.start(tempDir()));
      default -> throw new IllegalArgumentException(TARGET_PROPERTY + " must be meridian or docker-registry, was " + target);
    };
  }

  /** {@code http://127.0.0.1:<port>} serving {@code /v2/}. */
  abstract URI endpoint();

  /** True when blob GETs answer 307 to another URL (Meridian in REDIRECT mode). */
  abstract boolean redirectsBlobs();

  /** True for Meridian, whose extra endpoints (global, other regions) a test may check. */
  abstract boolean isMeridian();

  /** The running Meridian runtime; only when {@link #isMeridian()}. */
  LocalRuntime runtime() {
    throw new IllegalStateException("not Meridian: " + this);
  }

  /** {@code 127.0.0.1:<port>}, as skopeo and jib want it in image references. */
  final String hostPort() {
    return endpoint().getAuthority();
  }

  @Override
  public abstract void close();

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("docker-registry-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Meridian extends RegistryUnderTest {
    private final LocalRuntime runtime;
    private final BlobDelivery delivery;

    Meridian(LocalRuntime runtime, BlobDelivery delivery) {
      this.runtime = runtime;
      this.delivery = delivery;
    }

    @Override
    URI endpoint() {
      return runtime.regionEndpoint(runtime.regionNames().get(0));
    }

    @Override
    boolean redirectsBlobs() {
      return delivery == BlobDelivery.REDIRECT;
    }

    @Override
    boolean isMeridian() {
      return true;
    }

    @Override
    LocalRuntime runtime() {
      return runtime;
    }

    @Override
    public void close() {
      runtime.close();
    }

    @Override
    public String toString() {
      return "Meridian local runtime (" + delivery + ") at " + endpoint();
    }
  }

  private static final class Reference extends RegistryUnderTest {
    private final RegistryProcess process;

    Reference(RegistryProcess process) {
      this.process = process;
    }

    @Override
    URI endpoint() {
      return process.endpoint();
    }

    @Override
    boolean redirectsBlobs() {
      return false; // filesystem storage: distribution serves blobs itself
    }

    @Override
    boolean isMeridian() {
      return false;
    }

    @Override
    public void close() {
      process.close();
    }

    @Override
    public String toString() {
      return "docker-registry at " + endpoint();
    }
  }
}

package dev.meridian.app.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * A Lambda function under test: Spring Cloud Function's {@link FunctionInvoker} — the {@code
 * Handler} of every Lambda in template.yaml — started as the Lambda runtime starts it ({@link
 * FunctionInvokers}), fed event JSON bytes; the SDK calls it makes are attributed to it for the
 * IAM check.
 */
final class LambdaHarness {

  private static final AtomicInteger STARTED = new AtomicInteger();

  private final String id;
  private final String definition;
  private final Map<String, String> properties;
  private final FunctionInvoker invoker;

  private LambdaHarness(String id, String definition, Map<String, String> properties,
      FunctionInvoker invoker) {
    this.id = id;
    this.definition = definition;
    this.properties = Map.copyOf(properties);
    this.invoker = invoker;
  }

  /** Starts the invoker of bean {@code definition} with the region's {@code meridian.*} properties. */
  static synchronized LambdaHarness start(String definition, Map<String, String> properties) {
    String id = definition + "#" + STARTED.incrementAndGet();
    // SDK clients built now belong to this function (IamCheck evaluates their calls)
    SdkCallRecorder.attributeTo(id);
    try {
      return new LambdaHarness(id, definition, properties,
          FunctionInvokers.start(definition, properties));
    } finally {
      SdkCallRecorder.release();
    }
  }


  /** One invocation: the event's JSON bytes in, the handler's output bytes out. */
  byte[] invoke(byte[] event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdkCallRecorder.attributeTo(id);
    try (InputStream in = new ByteArrayInputStream(event)) {
      invoker.handleRequest(in, out, new InvocationContext(definition, 30_000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      SdkCallRecorder.release();
    }
    return out.toByteArray();
  }

  /** Unique per started function; its SDK calls are recorded under it. */
  String id() {
    return id;
  }

  String definition() {
    return definition;
  }

  /** The {@code meridian.*} properties it was started with (its region, peers, secrets). */
  Map<String, String> properties() {
    return properties;
  }

  static byte[] resource(String name) {
    try (InputStream in = LambdaHarness.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource events/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

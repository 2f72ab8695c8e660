package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.meridian.app.MeridianApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Starts Spring Cloud Function's {@link FunctionInvoker} — the {@code Handler} of every Lambda in
 * template.yaml — the way the Lambda runtime does, and as spring-cloud-function's own {@code
 * FunctionInvokerTests} do: {@code MAIN_CLASS} and the function definition as system properties
 * (on Lambda: environment variables), then {@code new FunctionInvoker()}, which starts the
 * application context in its constructor. The properties are removed again once it has started,
 * so invokers of different regions and functions can coexist in one JVM.
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
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.put("MAIN_CLASS", MeridianApplication.class.getName());
    all.put("spring.cloud.function.definition", definition);
    Map<String, String> previous = new HashMap<>();
    all.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    String id = definition + "#" + STARTED.incrementAndGet();
    // SDK clients built now belong to this function (IamCheck evaluates their calls)
    SdkCallRecorder.attributeTo(id);
    try {
      return new LambdaHarness(id, definition, properties, new FunctionInvoker());
    } finally {
      SdkCallRecorder.release();
      previous.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }

  /** One invocation: the event's JSON bytes in, the handler's output bytes out. */
  byte[] invoke(byte[] event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SdkCallRecorder.attributeTo(id);
    try (InputStream in = new ByteArrayInputStream(event)) {
      invoker.handleRequest(in, out, new TestContext(definition));
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

  /** What the Lambda runtime passes as the context; Meridian's functions do not read it. */
  private record TestContext(String functionName) implements Context {
    @Override
    public String getAwsRequestId() {
      return UUID.randomUUID().toString();
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
      return "2025/01/01/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.err.print(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}

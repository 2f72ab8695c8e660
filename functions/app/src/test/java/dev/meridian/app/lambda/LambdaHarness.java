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

  private final String definition;
  private final FunctionInvoker invoker;

  private LambdaHarness(String definition, FunctionInvoker invoker) {
    this.definition = definition;
    this.invoker = invoker;
  }

  /** Starts the invoker of bean {@code definition} with the region's {@code meridian.*} properties. */
  static synchronized LambdaHarness start(String definition, Map<String, String> properties) {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.put("MAIN_CLASS", MeridianApplication.class.getName());
    all.put("spring.cloud.function.definition", definition);
    Map<String, String> previous = new HashMap<>();
    all.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      return new LambdaHarness(definition, new FunctionInvoker());
    } finally {
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
    try (InputStream in = new ByteArrayInputStream(event)) {
      invoker.handleRequest(in, out, new TestContext(definition));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
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

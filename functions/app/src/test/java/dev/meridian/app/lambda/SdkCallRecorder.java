package dev.meridian.app.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS SDK call of the functions under test, for {@link IamCheck}. Registered for
 * every SDK client on the test class path through the SDK's global interceptor file
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}); the SDK makes one
 * instance per client it builds, and the instance belongs to the Lambda function being started
 * or invoked at that moment ({@link LambdaHarness} says which). Clients built outside (the tests'
 * own fixtures) record nothing.
 */
public final class SdkCallRecorder implements ExecutionInterceptor {

  /** One call: who made it, the service and operation, the client's region, the request. */
  record Call(String caller, String service, String operation, String region, SdkRequest request) {
    @Override
    public String toString() {
      return service + "." + operation + " (" + region + ") by " + caller;
    }
  }

  private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
  private static volatile String current;

  private final String caller;

  public SdkCallRecorder() {
    this.caller = current;
  }

  /** Clients built (and calls made) until {@link #release} belong to {@code caller}. */
  static void attributeTo(String caller) {
    current = caller;
  }

  static void release() {
    current = null;
  }

  static List<Call> callsOf(String caller) {
    return CALLS.stream().filter(c -> c.caller().equals(caller)).toList();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String owner = caller != null ? caller : current;
    if (owner == null) {
      return;
    }
    var region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    CALLS.add(new Call(owner, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
        region == null ? null : region.id(), context.request()));
  }
}

package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.meridian.app.auth.AdminBootstrapOnStart;
import dev.meridian.app.auth.AuthFunctions;
import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.core.auth.PasswordHasher;
import dev.meridian.core.auth.SigningKeySource;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Registers {@link SnapStartPriming} when the function initialises for a SnapStart snapshot
 * (Lambda sets {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} then): the HTTP functions are
 * primed before the snapshot; after every restore each function re-reads its signing keys and
 * re-checks the admin account, which an instance restored hours after the snapshot must not take
 * from it. Elsewhere (on-demand init, the local runtime, tests) nothing is registered.
 */
@AutoConfiguration(after = {LambdaFunctions.class, AuthFunctions.class})
@ConditionalOnExpression("'${AWS_LAMBDA_INITIALIZATION_TYPE:}' == 'snap-start'")
public class SnapStartConfiguration {
  static final int PUSH_PRIMING_ROUNDS = 3;
  private static final List<String> HTTP_FUNCTIONS =
      List.of(LambdaFunctions.PULL_HTTP, LambdaFunctions.PUSH_HTTP);

  @Bean
  SmartInitializingSingleton snapStartPriming(ApplicationContext context,
      @Value("${spring.cloud.function.definition:}") String definition,
      ObjectProvider<SigningKeySource> keys, ObjectProvider<AdminBootstrapOnStart> admin,
      ObjectProvider<RegionStorage> storage, ObjectProvider<PasswordHasher> hasher,
      ObjectProvider<MeridianProperties> properties, ObjectProvider<S3Presigner> presigner) {
    return () -> new SnapStartPriming(httpHandler(context, definition),
        LambdaFunctions.PUSH_HTTP.equals(definition)
            ? SnapStartPriming.PUSH_PRIMING_REQUESTS : SnapStartPriming.PRIMING_REQUESTS,
        storagePriming(definition, storage, hasher, pushPriming(definition, properties, presigner)),
        () -> afterRestore(keys, admin)).register();
  }

  /** The HTTP function's handler as FunctionInvoker reaches it; null for event functions. */
  private static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpHandler(
      ApplicationContext context, String definition) {
    if (!HTTP_FUNCTIONS.contains(definition)) {
      return null; // event functions are not primed: no user waits on their first event
    }
    return new InvokerPathHandler(context.getBean(FunctionCatalog.class),
        context.getBean(JsonMapper.class), definition);
  }

  private static Runnable storagePriming(String definition, ObjectProvider<RegionStorage> storage,
      ObjectProvider<PasswordHasher> hasher, Runnable push) {
    RegionStorage s = storage.getIfAvailable();
    if (!HTTP_FUNCTIONS.contains(definition) || s == null) {
      return () -> { };
    }
    StoragePriming reads = new StoragePriming(s, hasher.getIfAvailable());
    return () -> {
      reads.run();
      push.run();
    };
  }

  /**
   * The push function's synthetic push over in-memory S3 and DynamoDB answers ({@link
   * PushPriming}), run {@value #PUSH_PRIMING_ROUNDS} times so the JIT compiles its hot parts; only
   * where the region's storage is AWS's (its presigner is there).
   */
  private static Runnable pushPriming(String definition,
      ObjectProvider<MeridianProperties> properties, ObjectProvider<S3Presigner> presigner) {
    MeridianProperties p = properties.getIfAvailable();
    S3Presigner signer = presigner.getIfAvailable();
    if (!LambdaFunctions.PUSH_HTTP.equals(definition) || p == null || signer == null) {
      return () -> { };
    }
    PushPriming push = new PushPriming(p, signer);
    return () -> {
      for (int i = 0; i < PUSH_PRIMING_ROUNDS; i++) {
        push.run();
      }
    };
  }

  /**
   * Fresh signing keys, and the admin bootstrap where this function runs it (pull, push; it never
   * generates a password and never throws).
   */
  static void afterRestore(ObjectProvider<SigningKeySource> keys,
      ObjectProvider<AdminBootstrapOnStart> admin) {
    keys.ifAvailable(SigningKeySource::refreshed);
    admin.ifAvailable(AdminBootstrapOnStart::afterSingletonsInstantiated);
  }
}

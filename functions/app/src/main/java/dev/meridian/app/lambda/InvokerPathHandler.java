package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.messaging.Message;

/**
 * An HTTP function reached the way {@code FunctionInvoker.handleRequest} reaches it: the event as
 * JSON bytes, turned into a message by {@code AWSLambdaUtils.generateMessage}, applied through
 * the function catalog's wrapper (type conversion included), the result turned into response
 * bytes by {@code AWSLambdaUtils.generateOutputFromObject}. SnapStart priming sends its requests
 * this way, so that the snapshot holds the event mapping's code warm too, not only the bean's
 * (measured: bench/cold-start.sh, docs/aws.md "Cold start").
 */
final class InvokerPathHandler implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final FunctionInvocationWrapper function;
  private final JsonMapper mapper;

  InvokerPathHandler(FunctionCatalog catalog, JsonMapper mapper, String definition) {
    this.function = catalog.lookup(definition, "application/json");
    this.mapper = mapper;
    if (function == null) {
      throw new IllegalStateException("no function " + definition + " in the catalog");
    }
  }

  @Override
  public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
    Message<byte[]> message = AWSLambdaUtils.generateMessage(mapper.toJson(event),
        function.getInputType(), function.isSupplier(), mapper);
    Object result = function.apply(message);
    byte[] output = AWSLambdaUtils.generateOutputFromObject(message, result, mapper,
        function.getOutputType());
    return mapper.fromJson(output, APIGatewayV2HTTPResponse.class);
  }
}

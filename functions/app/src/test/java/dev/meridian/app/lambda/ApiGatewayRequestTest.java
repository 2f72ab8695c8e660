package dev.meridian.app.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.meridian.core.auth.AccessGate;
import dev.meridian.core.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How an API Gateway event becomes the core's request: the address rate limits count against is
 * API Gateway's {@code requestContext.http.sourceIp} (203.0.113.7 in the real event), never a
 * client-sent header of the same name.
 */
class ApiGatewayRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);

  @Test
  void clientAddress_isTheSourceIp_andAClientSentOneIsDropped() throws Exception {
    byte[] raw = ApiGatewayEvents.event("GET", "/v2/", Map.of(AccessGate.CLIENT_ADDRESS,
        "198.51.100.99"), null, false);
    APIGatewayV2HTTPEvent event = JSON.readValue(raw, APIGatewayV2HTTPEvent.class);
    assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("203.0.113.7");

    HttpRequest request = ApiGatewayHttpFunction.request(event, "GET");

    assertThat(request.headers().all(AccessGate.CLIENT_ADDRESS)).containsExactly("203.0.113.7");
  }

  @Test
  void clientAddress_whenNoSourceIp_isAbsentRatherThanClientChosen() throws Exception {
    byte[] raw = ApiGatewayEvents.event("GET", "/v2/", Map.of(AccessGate.CLIENT_ADDRESS,
        "198.51.100.99"), null, false);
    APIGatewayV2HTTPEvent event = JSON.readValue(raw, APIGatewayV2HTTPEvent.class);
    event.getRequestContext().getHttp().setSourceIp(null);

    HttpRequest request = ApiGatewayHttpFunction.request(event, "GET");

    assertThat(request.headers().all(AccessGate.CLIENT_ADDRESS)).isEmpty();
  }
}

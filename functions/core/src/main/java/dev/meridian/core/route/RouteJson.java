package dev.meridian.core.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.http.HttpHeaders;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.http.ResponseBody;

/**
 * The JSON bodies of Meridian's own API ({@code /meridian/v1/}): camelCase objects, answered
 * {@code 200} with {@code application/json}. Every capability's routes render through it, so
 * the wire shape is decided once.
 */
public final class RouteJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RouteJson() {}

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public static HttpResponse response(ObjectNode body) {
    try {
      return new HttpResponse(200, new HttpHeaders().set("Content-Type", "application/json"),
          ResponseBody.of(JSON.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render admin JSON", e);
    }
  }
}

package dev.meridian.core.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The one renderer of the distribution-spec error body: {@code {"errors":[{"code","message",
 * "detail"}]}} ("Error Codes" section). Handlers never write error bodies themselves.
 */
public final class OciErrorRenderer {
  public static final String CONTENT_TYPE = "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OciErrorRenderer() {}

  public static byte[] render(RegistryException error) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode errors = root.putArray("errors");
    ObjectNode entry = errors.addObject();
    entry.put("code", error.code().name());
    entry.put("message", error.getMessage() == null ? error.code().message() : error.getMessage());
    if (error.detail() != null) {
      entry.set("detail", JSON.valueToTree(error.detail()));
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      // Only a detail that Jackson cannot serialize gets here; drop it rather than fail the reply.
      entry.remove("detail");
      return root.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}

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

  /** The body of {@code error}; its status is {@code error.status()}, from {@link ErrorKind}. */
  public static byte[] render(RegistryException error) {
    return render(error.code(), error.getMessage(), error.detail());
  }

  /**
   * The body of an error whose status was decided before Meridian saw the request (the HTTP
   * server's own 400, 414 or 431): only the code and message are Meridian's.
   */
  public static byte[] render(OciErrorCode code, String message) {
    return render(code, message, null);
  }

  private static byte[] render(OciErrorCode code, String message, Object detail) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode errors = root.putArray("errors");
    ObjectNode entry = errors.addObject();
    entry.put("code", code.name());
    entry.put("message", message == null ? code.message() : message);
    if (detail != null) {
      entry.set("detail", JSON.valueToTree(detail));
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

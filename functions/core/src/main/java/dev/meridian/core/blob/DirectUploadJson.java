package dev.meridian.core.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.storage.DirectUpload;
import dev.meridian.core.storage.UploadSession;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of direct uploads (docs/uploads.md "Direct uploads"); wire shapes only. */
final class DirectUploadJson {
  static final String CONTENT_TYPE = "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DirectUploadJson() {}

  /** The part URLs answer: the plan, the URLs of this batch, their expiry. */
  static byte[] partUrls(PartUrls urls) {
    DirectUpload direct = urls.session().direct();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", "direct");
    body.put("length", direct.length());
    body.put("partSize", direct.partSize());
    body.put("partCount", direct.partCount());
    body.put("expiresAt", urls.expiresAt().toString());
    List<Map<String, Object>> parts = urls.parts().stream().map(p -> {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("partNumber", p.partNumber());
      part.put("url", p.url().toString());
      part.put("offset", p.offset());
      part.put("length", p.length());
      return part;
    }).toList();
    body.put("parts", parts);
    return write(body);
  }

  /** A status answer: the phase, and how far verification got. */
  static byte[] status(UploadSession session) {
    DirectUpload direct = session.direct();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", "direct");
    body.put("status", direct.phase().name().toLowerCase(java.util.Locale.ROOT));
    body.put("length", direct.length());
    body.put("verified", direct.hashed());
    if (direct.digest() != null) {
      body.put("digest", direct.digest().toString());
    }
    return write(body);
  }

  private static byte[] write(Object body) {
    try {
      return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

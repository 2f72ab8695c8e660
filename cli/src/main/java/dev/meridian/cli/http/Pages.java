package dev.meridian.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.cli.error.CliException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads every page of a list that continues in {@code Link: <…>; rel="next"} (tags, catalog). */
public final class Pages {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  private Pages() {}

  /** Every element of {@code field} over all pages starting at {@code path}. */
  public static List<String> strings(RegistryClient client, String path, String field) {
    List<String> all = new ArrayList<>();
    String next = path;
    while (next != null) {
      HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.resolve(next)).GET(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw RegistryErrors.of(response, "GET " + next);
      }
      try {
        JsonNode items = JSON.readTree(response.body()).path(field);
        items.forEach(n -> all.add(n.asText()));
      } catch (IOException e) {
        throw CliException.io("GET " + next + ": not JSON: " + e.getMessage());
      }
      next = next(response).orElse(null);
    }
    return all;
  }

  static Optional<String> next(HttpResponse<?> response) {
    for (String link : response.headers().allValues("Link")) {
      Matcher m = NEXT.matcher(link);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }
}

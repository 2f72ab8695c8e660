package dev.meridian.core.http;

/**
 * One HTTP response. For {@code HEAD}, handlers set {@code Content-Length} in {@code headers}
 * themselves and give an empty body; runtimes send the headers as given and no body. For other
 * methods, runtimes derive {@code Content-Length} from {@link ResponseBody#length()} (chunked
 * when -1) and ignore a {@code Content-Length} in {@code headers}.
 */
public record HttpResponse(int status, HttpHeaders headers, ResponseBody body) {

  public HttpResponse {
    headers = headers == null ? new HttpHeaders() : headers;
    body = body == null ? ResponseBody.empty() : body;
  }

  public static HttpResponse of(int status) {
    return new HttpResponse(status, new HttpHeaders(), ResponseBody.empty());
  }

  public HttpResponse header(String name, String value) {
    headers.set(name, value);
    return this;
  }
}

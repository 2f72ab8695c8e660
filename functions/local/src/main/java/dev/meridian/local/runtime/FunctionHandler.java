package dev.meridian.local.runtime;

import dev.meridian.core.api.RegistryHttpApi;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.local.metrics.LocalObservability;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front's one handler, blocking: the function reads and writes streams on this request's
 * thread. A request with a body must first get a slot ({@link BodyAdmission}: else 429 at once)
 * and is read against its deadline ({@link BodyDeadline}: a body behind it ends in 408), so slow
 * bodies cannot hold every thread of the front ({@link BodyLimits}).
 */
final class FunctionHandler extends Handler.Abstract.NonBlocking {

  private static final Logger LOG = LoggerFactory.getLogger(FunctionHandler.class);

  private final String name;
  private final Function<HttpRequest, HttpResponse> function;
  private final BodyLimits limits;
  private final BodyAdmission admission;

  /** @param name the front's: the region's name, or {@code global} (request log and metrics) */
  FunctionHandler(String name, Function<HttpRequest, HttpResponse> function, BodyLimits limits) {
    this.name = name;
    this.function = function;
    this.limits = limits;
    this.admission = new BodyAdmission(limits);
  }

  @Override
  public InvocationType getInvocationType() {
    return InvocationType.BLOCKING;
  }

  @Override
  public boolean handle(Request jettyRequest, Response jettyResponse, Callback callback) {
    String method = jettyRequest.getMethod();
    long start = System.nanoTime();
    BodyAdmission.Slot slot = null;
    try {
      if (ExchangeAdapter.contentLength(jettyRequest.getHeaders()) != 0) {
        slot = admission.tryAdmit(Request.getRemoteAddr(jettyRequest),
            !jettyRequest.getHeaders().contains(HttpHeader.AUTHORIZATION));
        if (slot == null) {
          ExchangeAdapter.send(jettyResponse, method, tooManyBodies(method));
          callback.succeeded();
          return true;
        }
      }
      CountingInputStream counted =
          new CountingInputStream(Content.Source.asInputStream(jettyRequest));
      BodyDeadline body = new BodyDeadline(counted, limits);
      HttpRequest request = ExchangeAdapter.toRequest(jettyRequest, body);
      HttpResponse response;
      try {
        HttpResponse scrape = LocalObservability.scrape(request);
        response = scrape != null ? scrape : function.apply(request);
      } catch (RuntimeException e) {
        // Functions render their own errors; this is a bug, but the client still gets OCI JSON.
        LOG.error("{} {} failed", method, jettyRequest.getHttpURI().getPath(), e);
        response = RegistryHttpApi.errorResponse(
            new RegistryException(ErrorKind.INTERNAL, "internal error"), method);
      }
      RequestDrain.drain(request.body(), RequestDrain.LIMIT);
      // Whatever the function made of its failed read, or of a body it left to the drain.
      if (body.expired()) {
        response = tooSlow(method);
      }
      ExchangeAdapter.send(jettyResponse, request.method(), response);
      // Before the exchange completes, so a client that got its answer finds the line written.
      LocalObservability.served(name, request, response, start, counted.count());
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      LOG.debug("{} {}: client went away: {}", method, jettyRequest.getHttpURI(), e.toString());
      callback.failed(e);
    } finally {
      if (slot != null) {
        slot.close();
      }
    }
    return true;
  }

  /** Over a body limit: refused before a byte of the body is read; the connection closes. */
  private HttpResponse tooManyBodies(String method) {
    return RegistryHttpApi.errorResponse(new RegistryException(ErrorKind.TOO_MANY_REQUESTS,
        "too many requests with a body at once from this address; retry", null,
        Map.of("Retry-After", "1")), method).header("Connection", "close");
  }

  /** The body fell behind its deadline: the rest of it is not read; the connection closes. */
  private HttpResponse tooSlow(String method) {
    return RegistryHttpApi.errorResponse(new RegistryException(ErrorKind.REQUEST_TIMEOUT,
        "request body slower than " + limits.minRate() + " bytes a second after "
            + limits.grace().toSeconds() + " s"), method).header("Connection", "close");
  }
}

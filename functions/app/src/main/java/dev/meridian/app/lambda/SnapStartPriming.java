package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart hooks of an HTTP function (CRaC's {@link Resource}, which Lambda calls around the
 * snapshot of a published version; docs/aws.md "SnapStart"):
 *
 * <ul>
 *   <li>{@link #beforeCheckpoint}: primes the real handler with synthetic requests that change
 *       nothing — unauthenticated requests of the function's own methods that the registry
 *       refuses before any storage call — so the classes of the event mapping, routing, auth and error rendering
 *       are loaded and their code has run before the snapshot, not on the first user's request;
 *   <li>then read-only storage calls ({@link StoragePriming}): the first real request would
 *       otherwise load the SDK's request pipelines and bcrypt; for the push function also a
 *       synthetic push answered in memory ({@link PushPriming});
 *   <li>{@link #afterRestore}: runs what must not be frozen into a snapshot shared by many
 *       instances — {@code onRestore} re-reads secrets (the signing key ring) and re-checks the
 *       admin account.
 * </ul>
 *
 * {@code handler} is null for event functions, which are not primed.
 */
public final class SnapStartPriming implements Resource {
  private static final System.Logger LOG = System.getLogger(SnapStartPriming.class.getName());

  /** Requests that the pull function answers without reading or writing storage. */
  static final List<String[]> PRIMING_REQUESTS = List.of(
      new String[] {"GET", "/v2/"},
      new String[] {"GET", "/v2/_catalog"},
      new String[] {"HEAD", "/v2/meridian-priming/app/manifests/latest"},
      new String[] {"GET", "/v2/meridian-priming/app/tags/list"});

  /**
   * The push function's: it answers GET and HEAD with 405 before access control, so it is primed
   * with its own methods. Each is refused (401) before any route; and were access control off,
   * each would still change nothing: an empty manifest is invalid, and the upload session named
   * does not exist.
   */
  static final List<String[]> PUSH_PRIMING_REQUESTS = List.of(
      new String[] {"PUT", "/v2/meridian-priming/app/manifests/latest"},
      new String[] {"PATCH", "/v2/meridian-priming/app/blobs/uploads/meridian-priming-none"},
      new String[] {"PUT", "/v2/meridian-priming/app/blobs/uploads/meridian-priming-none"},
      new String[] {"DELETE", "/v2/meridian-priming/app/blobs/uploads/meridian-priming-none"});

  /**
   * Every registered instance of this JVM: outside a CRaC JVM, org.crac's global context drops
   * registrations, so {@link #simulateSnapshotAndRestore} needs its own list.
   */
  private static final List<SnapStartPriming> REGISTERED =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
  private final List<String[]> requests;
  private final Runnable storage;
  private final Runnable onRestore;
  /** How many requests the last {@link #beforeCheckpoint} sent and saw refused. */
  private volatile int primed;

  public SnapStartPriming(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
      Runnable onRestore) {
    this(handler, () -> { }, onRestore);
  }

  /** @param storage read-only storage calls run after the requests ({@link StoragePriming}) */
  public SnapStartPriming(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
      Runnable storage, Runnable onRestore) {
    this(handler, PRIMING_REQUESTS, storage, onRestore);
  }

  /** @param requests the refused requests to send ({@link #PUSH_PRIMING_REQUESTS} for push) */
  public SnapStartPriming(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
      List<String[]> requests, Runnable storage, Runnable onRestore) {
    this.handler = handler;
    this.requests = List.copyOf(requests);
    this.storage = storage;
    this.onRestore = onRestore;
  }

  /** Registers with CRaC's global context (strongly held by it for the JVM's life). */
  public SnapStartPriming register() {
    Core.getGlobalContext().register(this);
    REGISTERED.add(this);
    return this;
  }

  /**
   * What Lambda does around a SnapStart snapshot, without CRaC: every registered instance's
   * {@link #beforeCheckpoint}, then its {@link #afterRestore}, in this JVM. The cold-start
   * measurement (docs/aws.md "Cold start") uses it to time the first request after a restore;
   * a real restore also pages the snapshot's memory back in, which this cannot show.
   */
  public static int simulateSnapshotAndRestore() {
    REGISTERED.forEach(p -> p.beforeCheckpoint(null));
    REGISTERED.forEach(p -> p.afterRestore(null));
    return REGISTERED.stream().mapToInt(p -> p.primed).sum();
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    if (handler == null) {
      return;
    }
    int primed = 0;
    for (String[] request : requests) {
      APIGatewayV2HTTPResponse response = handler.apply(event(request[0], request[1]));
      if (response.getStatusCode() == 401) {
        primed++;
      } else {
        // Only refused requests are sent, so nothing can have changed; anything else is a sign
        // that access control is off, and priming stops rather than touch storage again.
        LOG.log(Level.WARNING, "priming request " + request[0] + " " + request[1] + " answered "
            + response.getStatusCode() + ", not 401; priming stopped");
        break;
      }
    }
    this.primed = primed;
    storage.run();
    LOG.log(Level.INFO, "SnapStart: primed the handler with " + primed + " requests");
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    onRestore.run();
  }

  static APIGatewayV2HTTPEvent event(String method, String path) {
    APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
    e.setVersion("2.0");
    e.setRouteKey("$default");
    e.setRawPath(path);
    e.setRawQueryString("");
    e.setHeaders(Map.of("host", "snapstart.priming.invalid", "user-agent", "meridian-priming"));
    e.setIsBase64Encoded(false);
    APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
    http.setMethod(method);
    http.setPath(path);
    http.setProtocol("HTTP/1.1");
    http.setSourceIp("127.0.0.1");
    APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
    context.setHttp(http);
    context.setDomainName("snapstart.priming.invalid");
    context.setStage("$default");
    e.setRequestContext(context);
    return e;
  }
}

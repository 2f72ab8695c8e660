package dev.meridian.app.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.metrics.Metrics;
import dev.meridian.core.metrics.RequestRecord;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link Metrics} port on Lambda: CloudWatch Embedded Metric Format (docs.aws.amazon.com,
 * "Specification: Embedded metric format"), one JSON line on stdout per measurement, which
 * CloudWatch Logs turns into metrics of namespace {@value #NAMESPACE} under the same names as the
 * local runtime's Prometheus endpoint, with the tags as dimensions: {@code [Region]} and {@code
 * [Region, <every tag>]}. Gauges are not reported (a frozen Lambda process collects nothing).
 * A request is one line ({@link #request}) that is also its structured log line.
 */
public final class EmfMetrics implements Metrics {
  public static final String NAMESPACE = "Meridian";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Consumer<String> out;
  private final Clock clock;

  public EmfMetrics(PrintStream out, Clock clock) {
    this(out::println, clock);
  }

  EmfMetrics(Consumer<String> out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public void count(String name, long amount, String... tags) {
    emit(document(tags), name, "Count", amount);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {
    emit(document(tags), name, "Milliseconds", duration.toNanos() / 1e6);
  }

  @Override
  public void observe(String name, double amount, String... tags) {
    emit(document(tags), name, "None", amount);
  }

  @Override
  public void gauge(String name, Supplier<Number> value, String... tags) {
    // Nothing scrapes a Lambda process; backlogs are read from the table by the console/API.
  }

  /** One request: its log fields and its three metrics on one line. */
  public void request(RequestRecord r) {
    ObjectNode doc = document("region", r.region(), "route", r.route(), "status",
        Integer.toString(r.status()));
    doc.put("type", "request").put("method", r.method()).put("account", r.account())
        .put("millis", r.duration().toMillis());
    ArrayNode metrics = metricsOf(doc);
    add(doc, metrics, "meridian.http.requests", "Milliseconds", r.duration().toNanos() / 1e6);
    add(doc, metrics, "meridian.http.received.bytes", "Bytes", Math.max(0, r.bytesIn()));
    add(doc, metrics, "meridian.http.sent.bytes", "Bytes", Math.max(0, r.bytesOut()));
    out.accept(doc.toString());
  }

  private ObjectNode document(String... tags) {
    ObjectNode doc = JSON.createObjectNode();
    ObjectNode aws = doc.putObject("_aws").put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    ArrayNode sets = directive.putArray("Dimensions");
    ArrayNode all = JSON.createArrayNode();
    for (int i = 0; i + 1 < tags.length; i += 2) {
      String dimension = capitalized(tags[i]);
      doc.put(dimension, tags[i + 1]);
      all.add(dimension);
    }
    if (doc.has("Region")) {
      sets.addArray().add("Region");
    }
    if (all.size() > 1 || !doc.has("Region")) {
      sets.add(all);
    }
    directive.putArray("Metrics");
    return doc;
  }

  private static ArrayNode metricsOf(ObjectNode doc) {
    return (ArrayNode) doc.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics");
  }

  private static void add(ObjectNode doc, ArrayNode metrics, String name, String unit,
      double value) {
    metrics.addObject().put("Name", name).put("Unit", unit);
    doc.put(name, value);
  }

  private void emit(ObjectNode doc, String name, String unit, double value) {
    add(doc, metricsOf(doc), name, unit, value);
    out.accept(doc.toString());
  }

  private static String capitalized(String tag) {
    return tag.isEmpty() ? tag : tag.substring(0, 1).toUpperCase(Locale.ROOT) + tag.substring(1);
  }
}

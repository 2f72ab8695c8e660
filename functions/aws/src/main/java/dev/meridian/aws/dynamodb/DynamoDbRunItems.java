package dev.meridian.aws.dynamodb;

import static dev.meridian.aws.dynamodb.DynamoDbItems.key;
import static dev.meridian.aws.dynamodb.DynamoDbItems.n;
import static dev.meridian.aws.dynamodb.DynamoDbItems.s;

import dev.meridian.core.builds.BuildRequest;
import dev.meridian.core.builds.BuildRun;
import dev.meridian.core.builds.OutputImage;
import dev.meridian.core.builds.RunId;
import dev.meridian.core.builds.RunStatus;
import dev.meridian.core.builds.Trigger;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.storage.StorageLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link BuildRun} ↔ item (docs/storage-layout.md "Builds"). The same attributes are written under
 * the run's key ({@code run / <seq>}) and its state's key ({@code run-status#<Status> / <seq>}),
 * so that both listings are one query. Optional values are absent attributes.
 */
final class DynamoDbRunItems {
  private DynamoDbRunItems() {}

  static Map<String, AttributeValue> runKey(RunId id) {
    return key(StorageLayout.RUN_PK, StorageLayout.runSk(id.sequence()));
  }

  static Map<String, AttributeValue> statusKey(RunId id, RunStatus status) {
    return key(StorageLayout.runStatusPk(status.wireName()), StorageLayout.runSk(id.sequence()));
  }

  static Map<String, AttributeValue> item(Map<String, AttributeValue> key, BuildRun run) {
    Map<String, AttributeValue> item = new HashMap<>(key);
    BuildRequest r = run.request();
    item.put("id", s(run.id().toString()));
    item.put("status", s(run.status().wireName()));
    putRequest(item, r);
    item.put("images", list(run.images()));
    item.put("triggerType", s(run.trigger().type()));
    put(item, "triggerDetail", run.trigger().detail());
    item.put("createdAt", s(run.createdAt().toString()));
    put(item, "startedAt", run.startedAt() == null ? null : run.startedAt().toString());
    put(item, "finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
    item.put("outputs", AttributeValue.fromL(run.outputs().stream()
        .map(o -> AttributeValue.fromM(Map.of("name", s(o.name()),
            "digest", s(o.digest().toString()))))
        .toList()));
    put(item, "error", run.error());
    put(item, "leaseUntil", run.leaseUntil() == null ? null : run.leaseUntil().toString());
    item.put("sequence", n(run.id().sequence()));
    return item;
  }

  /** A request's attributes: {@code context, dockerfile, requestImages, buildArgs, …, owner}. */
  static void putRequest(Map<String, AttributeValue> item, BuildRequest r) {
    item.put("context", s(r.context().toString()));
    item.put("dockerfile", s(r.dockerfile()));
    item.put("requestImages", list(r.images()));
    item.put("buildArgs", AttributeValue.fromM(r.buildArgs().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
    item.put("platform", s(r.platform()));
    item.put("timeout", s(r.timeout().toString()));
    put(item, "clientToken", r.clientToken());
    if (!r.owner().isEmpty()) {
      item.put("owner", s(r.owner())); // who the run acts as (docs/security.md)
    }
    if (!r.taskFile().isEmpty()) {
      item.put("taskFile", s(r.taskFile())); // a multi-step task file run (docs/builds.md)
    }
  }

  static BuildRequest request(Map<String, AttributeValue> item) {
    return new BuildRequest(Digest.parse(str(item, "context")),
        str(item, "dockerfile"), strings(item, "requestImages"),
        item.get("buildArgs").m().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s())),
        str(item, "platform"), Duration.parse(str(item, "timeout")), str(item, "clientToken"),
        str(item, "owner"), // absent on runs recorded before owners: "" (such a run fails)
        str(item, "taskFile")); // absent: a Dockerfile build
  }

  static BuildRun run(Map<String, AttributeValue> item) {
    BuildRequest request = request(item);
    List<OutputImage> outputs = item.get("outputs").l().stream()
        .map(o -> new OutputImage(o.m().get("name").s(), Digest.parse(o.m().get("digest").s())))
        .toList();
    return new BuildRun(RunId.parse(str(item, "id")), RunStatus.parse(str(item, "status")),
        request, strings(item, "images"),
        new Trigger(str(item, "triggerType"), str(item, "triggerDetail")),
        instant(item, "createdAt"), instant(item, "startedAt"), instant(item, "finishedAt"),
        outputs, str(item, "error"), instant(item, "leaseUntil"));
  }

  static AttributeValue list(List<String> values) {
    return AttributeValue.fromL(values.stream().map(DynamoDbItems::s).toList());
  }

  static List<String> strings(Map<String, AttributeValue> item, String name) {
    return item.get(name).l().stream().map(AttributeValue::s).toList();
  }

  private static void put(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String text = str(item, name);
    return text == null ? null : Instant.parse(text);
  }
}

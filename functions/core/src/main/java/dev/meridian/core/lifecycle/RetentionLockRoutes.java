package dev.meridian.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.api.AdminRoutes;
import dev.meridian.core.auth.ReplicatedIdentityStore;
import dev.meridian.core.error.OciErrorCode;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.lifecycle.locks.ImmutableTagRule;
import dev.meridian.core.lifecycle.locks.Lock;
import dev.meridian.core.lifecycle.locks.LockEnforcer;
import dev.meridian.core.lifecycle.retention.RetentionRule;
import dev.meridian.core.lifecycle.retention.RetentionRunner;
import dev.meridian.core.lifecycle.softdelete.DeletedManifests;
import dev.meridian.core.lifecycle.softdelete.SoftDeletePolicy;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.TagRecord;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /meridian/v1/} routes of retention, locks, immutability and soft delete
 * (docs/api.md "Retention, locks and soft delete"; docs/retention-and-locks.md). All need the
 * {@code admin} permission ({@code RegistryHttpApi}). Configuration writes go to every region
 * before the answer; one that some region missed answers 503 and is completed by repeating it.
 */
public final class RetentionLockRoutes implements AdminRoutes {
  private static final int MAX_BODY = 64 * 1024;
  private static final Pattern RULE = Pattern.compile("retention/rules/([^/]+)");
  private static final Pattern IMMUTABILITY = Pattern.compile("immutability/([^/]+)");
  private static final Pattern RESTORE = Pattern.compile("deleted/(.+)/([^/]+)/restore");
  private static final Pattern DELETED = Pattern.compile("deleted/(.+)");

  private final LifecycleConfig config;
  private final MetadataIndex index;
  private final LockEnforcer enforcer;
  private final RetentionRunner retention;
  private final DeletedManifests deleted;

  RetentionLockRoutes(LifecycleConfig config, MetadataIndex index, LockEnforcer enforcer,
      RetentionRunner retention, DeletedManifests deleted) {
    this.config = config;
    this.index = index;
    this.enforcer = enforcer;
    this.retention = retention;
    this.deleted = deleted;
  }

  /** Whether {@code path} (after {@code /meridian/v1/}) is one of these routes. */
  public static boolean owns(String path) {
    for (String root : new String[] {"retention", "locks", "immutability", "soft-delete",
        "deleted"}) {
      if (path.equals(root) || path.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  /** These routes in front of {@code others} (null: none), which serve every other path. */
  public AdminRoutes before(AdminRoutes others) {
    return (request, path) -> {
      if (owns(path) || others == null) {
        return handle(request, path);
      }
      return others.handle(request, path);
    };
  }

  @Override
  public HttpResponse handle(HttpRequest request, String path) {
    try {
      return AdminRoutes.rejectingInvalidInput(() -> route(request, path));
    } catch (ReplicatedIdentityStore.PartialWriteException e) {
      throw new RegistryException(OciErrorCode.UNSUPPORTED, 503, e.getMessage());
    }
  }

  private HttpResponse route(HttpRequest r, String path) {
    String method = r.method();
    Matcher m;
    if (path.equals("retention/rules")) {
      AdminRoutes.requireMethod(method, "GET");
      ArrayNode rules = LifecycleJson.object().arrayNode();
      config.retention().forEach(rule -> rules.add(rule.toJson()));
      return LifecycleJson.response(200, LifecycleJson.object().set("rules", rules));
    }
    if ((m = RULE.matcher(path)).matches()) {
      return rule(r, m.group(1));
    }
    if (path.equals("retention/run")) {
      AdminRoutes.requireMethod(method, "POST");
      boolean dryRun = "true".equals(r.query("dryRun"));
      return LifecycleJson.response(200,
          LifecycleJson.report(retention.run(r.query("rule"), dryRun, false)));
    }
    if (path.equals("locks")) {
      return locks(r);
    }
    if (path.equals("immutability")) {
      AdminRoutes.requireMethod(method, "GET");
      ArrayNode rules = LifecycleJson.object().arrayNode();
      config.immutability().forEach(rule -> rules.add(rule.toJson()));
      return LifecycleJson.response(200, LifecycleJson.object().set("rules", rules));
    }
    if ((m = IMMUTABILITY.matcher(path)).matches()) {
      return immutability(r, m.group(1));
    }
    if (path.equals("soft-delete")) {
      return softDelete(r);
    }
    if ((m = RESTORE.matcher(path)).matches()) {
      AdminRoutes.requireMethod(method, "POST");
      String tag = r.query("tag");
      var restored = deleted.restore(RepositoryName.parse(m.group(1)), Digest.parse(m.group(2)),
          tag == null ? null : Tag.parse(tag), EventRequest.from(r));
      return LifecycleJson.response(200, LifecycleJson.object()
          .put("repository", m.group(1)).put("digest", restored.digest().toString())
          .put("tag", tag).put("restored", true));
    }
    if ((m = DELETED.matcher(path)).matches()) {
      AdminRoutes.requireMethod(method, "GET");
      RepositoryName repository = RepositoryName.parse(m.group(1));
      ObjectNode body = LifecycleJson.object().put("repository", repository.value());
      body.set("policy", config.softDelete().toJson());
      ArrayNode list = body.putArray("manifests");
      deleted.list(repository).forEach(d -> list.add(LifecycleJson.deleted(d)));
      return LifecycleJson.response(200, body);
    }
    throw new RegistryException(OciErrorCode.NAME_UNKNOWN, 404,
        "no such endpoint: /meridian/v1/" + path);
  }

  private HttpResponse rule(HttpRequest r, String name) {
    switch (r.method()) {
      case "GET" -> {
        RetentionRule rule = config.retention(name).orElseThrow(() -> unknown("retention rule", name));
        return LifecycleJson.response(200, rule.toJson());
      }
      case "PUT" -> {
        RetentionRule rule = RetentionRule.fromJson(name, body(r), null);
        return LifecycleJson.response(200, config.putRetention(rule).toJson());
      }
      case "DELETE" -> {
        if (!config.removeRetention(name)) {
          throw unknown("retention rule", name);
        }
        return HttpResponse.of(204);
      }
      default -> throw AdminRoutes.methodNotAllowed(r.method());
    }
  }

  private HttpResponse immutability(HttpRequest r, String name) {
    switch (r.method()) {
      case "PUT" -> {
        ImmutableTagRule rule = ImmutableTagRule.fromJson(name, body(r), null);
        return LifecycleJson.response(200, config.putImmutability(rule).toJson());
      }
      case "DELETE" -> {
        if (!config.removeImmutability(name)) {
          throw unknown("immutability rule", name);
        }
        return HttpResponse.of(204);
      }
      default -> throw AdminRoutes.methodNotAllowed(r.method());
    }
  }

  private HttpResponse softDelete(HttpRequest r) {
    switch (r.method()) {
      case "GET" -> {
        return LifecycleJson.response(200, config.softDelete().toJson());
      }
      case "PUT" -> {
        JsonNode body = body(r);
        SoftDeletePolicy held = config.softDelete();
        SoftDeletePolicy policy = new SoftDeletePolicy(
            body.path("enabled").asBoolean(held.enabled()),
            body.path("retentionDays").asInt(held.retentionDays()), null);
        return LifecycleJson.response(200, config.putSoftDelete(policy).toJson());
      }
      default -> throw AdminRoutes.methodNotAllowed(r.method());
    }
  }

  private HttpResponse locks(HttpRequest r) {
    switch (r.method()) {
      case "GET" -> {
        String repository = r.query("repository");
        ArrayNode list = LifecycleJson.object().arrayNode();
        config.locks().stream()
            .filter(l -> repository == null || l.repository().value().equals(repository))
            .forEach(l -> list.add(l.toJson()));
        return LifecycleJson.response(200, LifecycleJson.object().set("locks", list));
      }
      case "PUT" -> {
        Lock stored = config.putLock(lockFrom(body(r)));
        // Repin here at once; other regions repin on their next lifecycle pass.
        enforcer.enforce();
        return LifecycleJson.response(200, stored.toJson().put("locked", !stored.unlocked()));
      }
      case "DELETE" -> {
        RepositoryName repository = RepositoryName.parse(required(r.query("repository"), "repository"));
        String digest = r.query("digest");
        String id = Lock.id(repository, r.query("tag"), digest == null ? null : Digest.parse(digest));
        if (!config.removeLock(id)) {
          throw unknown("lock", id);
        }
        return HttpResponse.of(204);
      }
      default -> throw AdminRoutes.methodNotAllowed(r.method());
    }
  }

  /**
   * The lock a PUT asks for: flags it leaves out keep their current value (as {@code az acr
   * repository update} does), or true. A tag whose writes go off is pinned to the digest it points
   * at now (kept if it was pinned already); locking a tag or manifest that does not exist is 404.
   */
  private Lock lockFrom(JsonNode b) {
    RepositoryName repository = RepositoryName.parse(required(b.path("repository").asText(null),
        "repository"));
    String tag = b.hasNonNull("tag") ? b.get("tag").asText() : null;
    Digest digest = b.hasNonNull("digest") ? Digest.parse(b.get("digest").asText()) : null;
    Optional<Lock> held = config.locks().stream()
        .filter(l -> l.id().equals(Lock.id(repository, tag, digest))).findFirst();
    boolean write = flag(b, "writeEnabled", held.map(Lock::writeEnabled));
    Lock lock = new Lock(repository, tag, digest, write, flag(b, "deleteEnabled",
        held.map(Lock::deleteEnabled)), flag(b, "readEnabled", held.map(Lock::readEnabled)),
        flag(b, "listEnabled", held.map(Lock::listEnabled)), null, null);
    Digest pin = null;
    if (tag != null) {
      Digest current = index.getTag(repository, tag).filter(t -> !t.isDeleted())
          .map(TagRecord::digest).orElseThrow(() -> unknown("tag", repository + ":" + tag));
      Digest heldPin = held.filter(l -> !l.writeEnabled()).map(Lock::pinned).orElse(null);
      pin = write ? null : heldPin != null ? heldPin : current;
    } else if (digest != null && index.getManifest(repository, digest).isEmpty()) {
      throw unknown("manifest", repository + "@" + digest);
    }
    return lock.at(null, pin);
  }

  private static boolean flag(JsonNode b, String field, Optional<Boolean> held) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      return held.orElse(true);
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(field + " must be true or false");
    }
    return v.asBoolean();
  }

  private static JsonNode body(HttpRequest r) {
    return LifecycleJson.parse(AdminRoutes.readBody(r, MAX_BODY));
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static RegistryException unknown(String what, String name) {
    OciErrorCode code = what.equals("tag") || what.equals("manifest")
        ? OciErrorCode.MANIFEST_UNKNOWN : OciErrorCode.NAME_UNKNOWN;
    return new RegistryException(code, 404, "no such " + what + ": " + name);
  }
}

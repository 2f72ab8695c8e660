package dev.meridian.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.auth.ReplicatedIdentityStore;
import dev.meridian.core.error.ErrorKind;
import dev.meridian.core.error.RegistryException;
import dev.meridian.core.events.EventRequest;
import dev.meridian.core.http.HttpRequest;
import dev.meridian.core.http.HttpResponse;
import dev.meridian.core.lifecycle.locks.LockEnforcer;
import dev.meridian.core.lifecycle.retention.RetentionRunner;
import dev.meridian.core.lifecycle.rules.ImmutableTagRule;
import dev.meridian.core.lifecycle.rules.LifecycleConfig;
import dev.meridian.core.lifecycle.rules.Lock;
import dev.meridian.core.lifecycle.rules.RetentionRule;
import dev.meridian.core.lifecycle.rules.SoftDeletePolicy;
import dev.meridian.core.lifecycle.softdelete.DeletedManifests;
import dev.meridian.core.oci.Digest;
import dev.meridian.core.oci.RepositoryName;
import dev.meridian.core.oci.Tag;
import dev.meridian.core.route.AdminRoutes;
import dev.meridian.core.route.RegistryPermission;
import dev.meridian.core.route.Route;
import dev.meridian.core.route.RoutePermission;
import dev.meridian.core.route.RouteTable;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.TagRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /meridian/v1/} routes of retention, locks, immutability and soft delete
 * (docs/api.md "Retention, locks and soft delete"; docs/retention-and-locks.md). All need the
 * {@code admin} permission ({@code RegistryHttpApi}). Configuration writes go to every region
 * before the answer; one that some region missed answers 503 and is completed by repeating it.
 */
public final class RetentionLockRoutes implements AdminRoutes {
  private static final int MAX_BODY = 64 * 1024;

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

  @Override
  public List<Route> routes() {
    RoutePermission admin = RoutePermission.of(RegistryPermission.ADMIN);
    String v1 = RouteTable.PREFIX;
    String rule = v1 + "retention/rules/{name}";
    String immutable = v1 + "immutability/{name}";
    String deletedIn = v1 + "deleted/{repository+}";
    List<Route> routes = List.of(
        Route.of("GET", v1 + "retention/rules", admin,
            (r, p) -> rules(config.retention(), RetentionRule::toJson)),
        Route.of("GET", rule, admin, (r, p) -> LifecycleJson.response(200, config
            .retention(p.get("name")).orElseThrow(() -> unknown("retention rule", p.get("name")))
            .toJson())),
        Route.of("PUT", rule, admin, (r, p) -> LifecycleJson.response(200, config.putRetention(
            RetentionRule.fromJson(p.get("name"), body(r), null)).toJson())),
        Route.of("DELETE", rule, admin,
            (r, p) -> removed(config.removeRetention(p.get("name")), "retention rule",
                p.get("name"))),
        Route.of("POST", v1 + "retention/run", admin, (r, p) -> LifecycleJson.response(200,
            LifecycleJson.report(retention.run(r.query("rule"), "true".equals(r.query("dryRun")),
                false)))),
        Route.of("GET", v1 + "locks", admin, (r, p) -> listLocks(r.query("repository"))),
        Route.of("PUT", v1 + "locks", admin, (r, p) -> putLock(r)),
        Route.of("DELETE", v1 + "locks", admin, (r, p) -> deleteLock(r)),
        Route.of("GET", v1 + "immutability", admin,
            (r, p) -> rules(config.immutability(), ImmutableTagRule::toJson)),
        Route.of("PUT", immutable, admin, (r, p) -> LifecycleJson.response(200, config
            .putImmutability(ImmutableTagRule.fromJson(p.get("name"), body(r), null)).toJson())),
        Route.of("DELETE", immutable, admin,
            (r, p) -> removed(config.removeImmutability(p.get("name")), "immutability rule",
                p.get("name"))),
        Route.of("GET", v1 + "soft-delete", admin,
            (r, p) -> LifecycleJson.response(200, config.softDelete().toJson())),
        Route.of("PUT", v1 + "soft-delete", admin, (r, p) -> putSoftDelete(body(r))),
        Route.of("POST", deletedIn + "/{digest}/restore", admin, (r, p) -> restore(r,
            p.get("repository"), p.get("digest"))),
        Route.of("GET", deletedIn, admin,
            (r, p) -> listDeleted(RepositoryName.parse(p.get("repository")))));
    // A configuration write some region missed: repeating it completes it.
    return AdminRoutes.rejectingInvalidInput(routes).stream().map(route -> route.wrapped(
        handler -> (request, path) -> {
          try {
            return handler.handle(request, path);
          } catch (ReplicatedIdentityStore.PartialWriteException e) {
            throw ErrorKind.UNAVAILABLE.because(e.getMessage());
          }
        })).toList();
  }

  private static <T> HttpResponse rules(List<T> rules, Function<T, ObjectNode> json) {
    ArrayNode array = LifecycleJson.object().arrayNode();
    rules.forEach(rule -> array.add(json.apply(rule)));
    return LifecycleJson.response(200, LifecycleJson.object().set("rules", array));
  }

  private static HttpResponse removed(boolean removed, String what, String name) {
    if (!removed) {
      throw unknown(what, name);
    }
    return HttpResponse.of(204);
  }

  private HttpResponse restore(HttpRequest r, String repository, String digest) {
    String tag = r.query("tag");
    var restored = deleted.restore(RepositoryName.parse(repository), Digest.parse(digest),
        tag == null ? null : Tag.parse(tag), EventRequest.from(r));
    return LifecycleJson.response(200, LifecycleJson.object()
        .put("repository", repository).put("digest", restored.digest().toString())
        .put("tag", tag).put("restored", true));
  }

  private HttpResponse listDeleted(RepositoryName repository) {
    ObjectNode body = LifecycleJson.object().put("repository", repository.value());
    body.set("policy", config.softDelete().toJson());
    ArrayNode list = body.putArray("manifests");
    deleted.list(repository).forEach(d -> list.add(LifecycleJson.deleted(d)));
    return LifecycleJson.response(200, body);
  }

  private HttpResponse putSoftDelete(JsonNode body) {
    SoftDeletePolicy held = config.softDelete();
    SoftDeletePolicy policy = new SoftDeletePolicy(
        body.path("enabled").asBoolean(held.enabled()),
        body.path("retentionDays").asInt(held.retentionDays()), null);
    return LifecycleJson.response(200, config.putSoftDelete(policy).toJson());
  }

  private HttpResponse listLocks(String repository) {
    ArrayNode list = LifecycleJson.object().arrayNode();
    config.locks().stream()
        .filter(l -> repository == null || l.repository().value().equals(repository))
        .forEach(l -> list.add(l.toJson()));
    return LifecycleJson.response(200, LifecycleJson.object().set("locks", list));
  }

  private HttpResponse putLock(HttpRequest r) {
    Lock stored = config.putLock(lockFrom(body(r)));
    // Repin here at once; other regions repin on their next lifecycle pass.
    enforcer.enforce();
    return LifecycleJson.response(200, stored.toJson().put("locked", !stored.unlocked()));
  }

  private HttpResponse deleteLock(HttpRequest r) {
    RepositoryName repository = RepositoryName.parse(required(r.query("repository"), "repository"));
    String digest = r.query("digest");
    String id = Lock.id(repository, r.query("tag"), digest == null ? null : Digest.parse(digest));
    return removed(config.removeLock(id), "lock", id);
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
    ErrorKind kind = what.equals("tag") || what.equals("manifest")
        ? ErrorKind.MANIFEST_UNKNOWN : ErrorKind.NAME_UNKNOWN;
    return new RegistryException(kind, "no such " + what + ": " + name);
  }
}

package io.capstan.apiserver.registry;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.patch.PatchType;
import io.capstan.apiserver.patch.Patches;
import io.capstan.store.KeyValue;
import io.capstan.store.StoreException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Storage for one resource type, in Kubernetes' fixed order: decode → prepare → default →
 * validate → write with compare-and-swap. The type's {@link ResourceStrategy} supplies what is
 * particular to it; everything about metadata, conflicts, finalizers and deletion is here.
 */
public final class GenericRegistry {

  /** How often an unconditional update or patch retries after losing a compare-and-swap. */
  private static final int MAX_CONFLICT_RETRIES = 16;

  private final ResourceType type;
  private final RegistryContext ctx;
  private final NamespaceGuard namespaces;
  private final StorageHooks hooks;

  public GenericRegistry(ResourceType type, RegistryContext ctx, NamespaceGuard namespaces) {
    this(type, ctx, namespaces, StorageHooks.NONE);
  }

  public GenericRegistry(ResourceType type, RegistryContext ctx, NamespaceGuard namespaces,
      StorageHooks hooks) {
    this.type = type;
    this.ctx = ctx;
    this.namespaces = namespaces;
    this.hooks = hooks;
  }

  public ResourceType type() {
    return type;
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The current object, read from the store so it reflects every acknowledged write. */
  public ObjectNode get(String namespace, String name) {
    return read(namespace, name).map(ObjectCodec::decode)
        .orElseThrow(() -> notFound(name));
  }

  private Optional<KeyValue> read(String namespace, String name) {
    try {
      return ctx.store().get(ObjectKeys.key(type, namespace, name));
    } catch (StoreException.Unavailable e) {
      throw ApiException.unavailable("storage is unavailable: " + e.getMessage());
    }
  }

  // ---- create ------------------------------------------------------------------------------

  public WriteResult create(String namespace, ObjectNode body, WriteOptions options) {
    ObjectNode object = body.deepCopy();
    checkTypeAndNamespace(object, namespace);
    ObjectNode meta = Meta.metadata(object);
    if (Meta.string(meta, "name").isEmpty()) {
      String generateName = Meta.string(meta, "generateName");
      if (!generateName.isEmpty()) {
        meta.put("name", NameGenerator.generate(generateName, ctx.random()));
      }
    }
    resetSystemMetadata(meta);
    meta.put("uid", ctx.uids().get());
    meta.put("creationTimestamp", timestamp(ctx.clock().instant()));
    type.strategy().prepareForCreate(object);
    type.strategy().applyDefaults(object);
    List<FieldError> errors = new ArrayList<>(ctx.metadataValidator().validateCreate(type, object));
    errors.addAll(type.strategy().validate(object));
    String name = Meta.name(object);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(type.group(), type.kind(), name, errors);
    }
    if (type.namespaced()) {
      namespaces.checkWritable(namespace);
    }
    StorageHooks.Transaction hooked = hooks.beginCreate(object, options.dryRun());
    if (options.dryRun()) {
      hooked.revert();
      return new WriteResult(object, true);
    }
    boolean written = false;
    try {
      KeyValue kv = ctx.store().create(ObjectKeys.key(type, namespace, name),
          ObjectCodec.encode(object));
      written = true;
      return new WriteResult(ObjectCodec.decode(kv), true);
    } catch (StoreException.KeyExists e) {
      throw ApiException.alreadyExists(type.group(), type.plural(), name);
    } finally {
      finish(hooked, written);
    }
  }

  private static void finish(StorageHooks.Transaction hooked, boolean written) {
    if (written) {
      hooked.commit();
    } else {
      hooked.revert();
    }
  }

  // ---- update ------------------------------------------------------------------------------

  /** PUT of the main resource. */
  public WriteResult update(String namespace, String name, ObjectNode body, WriteOptions options) {
    checkTypeAndNamespace(body, namespace);
    checkName(body, name);
    String requestedVersion = Meta.resourceVersion(body);
    for (int attempt = 0; ; attempt++) {
      Optional<KeyValue> current = read(namespace, name);
      if (current.isEmpty()) {
        if (!CreateOnUpdate.allowed(type)) {
          throw notFound(name);
        }
        if (!requestedVersion.isEmpty()) {
          throw notFound(name);
        }
        ObjectNode fresh = body.deepCopy();
        Meta.metadata(fresh).remove("resourceVersion");
        return create(namespace, fresh, options);
      }
      KeyValue kv = current.get();
      if (!requestedVersion.isEmpty() && !requestedVersion.equals(Long.toString(kv.modRevision()))) {
        throw ApiException.staleResourceVersion(type.group(), type.plural(), name);
      }
      ObjectNode old = ObjectCodec.decode(kv);
      ObjectNode updated = body.deepCopy();
      Optional<WriteResult> result = tryUpdate(old, updated, kv, type.strategy(), options);
      if (result.isPresent()) {
        return result.get();
      }
      if (!requestedVersion.isEmpty() || attempt >= MAX_CONFLICT_RETRIES) {
        throw ApiException.staleResourceVersion(type.group(), type.plural(), name);
      }
    }
  }

  /** PUT of the status subresource: only status (and what the status strategy allows) changes. */
  public WriteResult updateStatus(String namespace, String name, ObjectNode body,
      WriteOptions options) {
    ResourceStrategy strategy = type.statusStrategy()
        .orElseThrow(() -> ApiException.notFoundPath());
    checkTypeAndNamespace(body, namespace);
    checkName(body, name);
    String requestedVersion = Meta.resourceVersion(body);
    for (int attempt = 0; ; attempt++) {
      KeyValue kv = read(namespace, name).orElseThrow(() -> notFound(name));
      if (!requestedVersion.isEmpty() && !requestedVersion.equals(Long.toString(kv.modRevision()))) {
        throw ApiException.staleResourceVersion(type.group(), type.plural(), name);
      }
      Optional<WriteResult> result = tryUpdate(ObjectCodec.decode(kv), body.deepCopy(), kv,
          strategy, options);
      if (result.isPresent()) {
        return result.get();
      }
      if (!requestedVersion.isEmpty() || attempt >= MAX_CONFLICT_RETRIES) {
        throw ApiException.staleResourceVersion(type.group(), type.plural(), name);
      }
    }
  }

  /**
   * Applies a patch to the current object and writes it, re-applying on a lost compare-and-swap
   * unless the patch itself pinned a resourceVersion.
   */
  public WriteResult patch(String namespace, String name, PatchType patchType, byte[] patch,
      boolean status, WriteOptions options, Consumer<ObjectNode> patchedCheck) {
    ResourceStrategy strategy = status
        ? type.statusStrategy().orElseThrow(() -> ApiException.notFoundPath())
        : type.strategy();
    for (int attempt = 0; ; attempt++) {
      KeyValue kv = read(namespace, name).orElseThrow(() -> notFound(name));
      ObjectNode old = ObjectCodec.decode(kv);
      JsonNode patched = Patches.apply(patchType, old, patch, type.modelClass());
      if (!(patched instanceof ObjectNode updated)) {
        throw ApiException.badRequest("the patch did not produce an object");
      }
      patchedCheck.accept(updated);
      checkTypeAndNamespace(updated, namespace);
      checkName(updated, name);
      String pinned = Meta.resourceVersion(updated);
      if (!pinned.isEmpty() && !pinned.equals(Long.toString(kv.modRevision()))) {
        throw ApiException.staleResourceVersion(type.group(), type.plural(), name);
      }
      Optional<WriteResult> result = tryUpdate(old, updated, kv, strategy, options);
      if (result.isPresent()) {
        return result.get();
      }
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw ApiException.staleResourceVersion(type.group(), type.plural(), name);
      }
    }
  }

  /**
   * Reads, transforms and writes the object with compare-and-swap retries: Kubernetes'
   * GuaranteedUpdate, for server-side changes such as bindings and scale.
   */
  public WriteResult guaranteedUpdate(String namespace, String name,
      UnaryOperator<ObjectNode> change, ResourceStrategy strategy, WriteOptions options) {
    for (int attempt = 0; ; attempt++) {
      KeyValue kv = read(namespace, name).orElseThrow(() -> notFound(name));
      ObjectNode old = ObjectCodec.decode(kv);
      ObjectNode updated = change.apply(old.deepCopy());
      Optional<WriteResult> result = tryUpdate(old, updated, kv, strategy, options);
      if (result.isPresent()) {
        return result.get();
      }
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw ApiException.staleResourceVersion(type.group(), type.plural(), name);
      }
    }
  }

  /** One attempt; empty when the compare-and-swap lost and the caller may retry. */
  private Optional<WriteResult> tryUpdate(ObjectNode old, ObjectNode updated, KeyValue kv,
      ResourceStrategy strategy, WriteOptions options) {
    ObjectNode meta = Meta.metadata(updated);
    ObjectNode oldMeta = Meta.metadata(old);
    carrySystemMetadata(meta, oldMeta);
    strategy.prepareForUpdate(updated, old);
    strategy.applyDefaults(updated);
    List<FieldError> errors = new ArrayList<>(
        ctx.metadataValidator().validateUpdate(type, updated, old));
    errors.addAll(strategy.validateUpdate(updated, old));
    if (!errors.isEmpty()) {
      throw ApiException.invalid(type.group(), type.kind(), Meta.name(old), errors);
    }
    meta.put("resourceVersion", oldMeta.path("resourceVersion").asString(""));
    if (updated.equals(old)) {
      return Optional.of(new WriteResult(old, false));
    }
    StorageHooks.Transaction hooked = hooks.beginUpdate(updated, old, options.dryRun());
    if (options.dryRun()) {
      hooked.revert();
      return Optional.of(new WriteResult(updated, false));
    }
    boolean written = false;
    try {
      if (Deletion.readyToRemove(type, updated)) {
        // The last finalizer is gone from an object marked for deletion: it goes now.
        KeyValue deleted = ctx.store().delete(kv.key(), kv.modRevision());
        written = true;
        ObjectNode last = updated.deepCopy();
        Meta.metadata(last).put("resourceVersion", Long.toString(deleted.modRevision()));
        hooked.commit();
        hooks.afterDelete(last);
        return Optional.of(new WriteResult(last, false));
      }
      KeyValue stored = ctx.store().update(kv.key(), ObjectCodec.encode(updated), kv.modRevision());
      written = true;
      hooked.commit();
      return Optional.of(new WriteResult(ObjectCodec.decode(stored), false));
    } catch (StoreException.Conflict e) {
      return Optional.empty();
    } catch (StoreException.KeyNotFound e) {
      throw notFound(Meta.name(old));
    } finally {
      if (!written) {
        hooked.revert();
      }
    }
  }

  // ---- delete ------------------------------------------------------------------------------

  public DeleteResult delete(String namespace, String name, DeleteOptions options) {
    for (int attempt = 0; ; attempt++) {
      KeyValue kv = read(namespace, name).orElseThrow(() -> notFound(name));
      ObjectNode current = ObjectCodec.decode(kv);
      checkPreconditions(current, options);
      ObjectNode marked = current.deepCopy();
      boolean pending = Deletion.mark(type, marked, options, ctx.clock().instant());
      try {
        if (pending) {
          if (options.dryRun()) {
            return new DeleteResult(marked, false);
          }
          if (marked.equals(current)) {
            return new DeleteResult(current, false);
          }
          KeyValue written = ctx.store().update(kv.key(), ObjectCodec.encode(marked),
              kv.modRevision());
          return new DeleteResult(ObjectCodec.decode(written), false);
        }
        if (options.dryRun()) {
          return new DeleteResult(current, true);
        }
        KeyValue deleted = ctx.store().delete(kv.key(), kv.modRevision());
        Meta.metadata(current).put("resourceVersion", Long.toString(deleted.modRevision()));
        hooks.afterDelete(current);
        return new DeleteResult(current, true);
      } catch (StoreException.Conflict e) {
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw ApiException.staleResourceVersion(type.group(), type.plural(), name);
        }
      } catch (StoreException.KeyNotFound e) {
        throw notFound(name);
      }
    }
  }

  private void checkPreconditions(ObjectNode current, DeleteOptions options) {
    String name = Meta.name(current);
    if (options.preconditionUid().isPresent()
        && !options.preconditionUid().get().equals(Meta.uid(current))) {
      throw ApiException.conflict(type.group(), type.plural(), name,
          "Precondition failed: UID in precondition: " + options.preconditionUid().get()
              + ", UID in object meta: " + Meta.uid(current));
    }
    if (options.preconditionResourceVersion().isPresent()
        && !options.preconditionResourceVersion().get().equals(Meta.resourceVersion(current))) {
      throw ApiException.conflict(type.group(), type.plural(), name,
          "Precondition failed: ResourceVersion in precondition: "
              + options.preconditionResourceVersion().get()
              + ", ResourceVersion in object meta: " + Meta.resourceVersion(current));
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private void checkTypeAndNamespace(ObjectNode object, String namespace) {
    String apiVersion = Meta.string(object, "apiVersion");
    String kind = Meta.string(object, "kind");
    if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + type.apiVersion() + ")");
    }
    if (!kind.isEmpty() && !kind.equals(type.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind
          + ") does not match the expected kind (" + type.kind() + ")");
    }
    object.put("apiVersion", type.apiVersion());
    object.put("kind", type.kind());
    ObjectNode meta = Meta.metadata(object);
    if (type.namespaced()) {
      String given = Meta.string(meta, "namespace");
      if (!given.isEmpty() && !given.equals(namespace)) {
        throw ApiException.badRequest(
            "the namespace of the provided object does not match the namespace sent on the request");
      }
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
  }

  private void checkName(ObjectNode object, String name) {
    ObjectNode meta = Meta.metadata(object);
    String given = Meta.string(meta, "name");
    if (given.isEmpty()) {
      meta.put("name", name);
    } else if (!given.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + given
          + ") does not match the name on the URL (" + name + ")");
    }
  }

  /** Fields a client may not set on create. */
  private static void resetSystemMetadata(ObjectNode meta) {
    for (String field : List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation", "selfLink", "managedFields")) {
      meta.remove(field);
    }
    dropEmptyCollections(meta);
  }

  /** Fields a client may not change on update; taken from the stored object. */
  private static void carrySystemMetadata(ObjectNode meta, ObjectNode oldMeta) {
    for (String field : List.of("uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation")) {
      JsonNode value = oldMeta.get(field);
      if (value == null) {
        meta.remove(field);
      } else {
        meta.set(field, value.deepCopy());
      }
    }
    meta.remove("selfLink");
    meta.remove("managedFields");
    dropEmptyCollections(meta);
  }

  /**
   * Every collection in ObjectMeta is {@code omitempty} in Kubernetes, so {@code labels: {}} or
   * {@code ownerReferences: []} (which a patch that removes the last entry leaves behind) never
   * reach clients; the same holds here.
   */
  private static void dropEmptyCollections(ObjectNode meta) {
    for (String field : List.of("labels", "annotations", "ownerReferences", "finalizers")) {
      JsonNode value = meta.get(field);
      if (value != null && (value.isNull() || (value.isContainer() && value.isEmpty()))) {
        meta.remove(field);
      }
    }
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private ApiException notFound(String name) {
    return ApiException.notFound(type.group(), type.plural(), name);
  }
}

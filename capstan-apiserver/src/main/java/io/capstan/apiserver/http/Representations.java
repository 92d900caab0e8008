package io.capstan.apiserver.http;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ListPage;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.table.IncludeObject;
import io.capstan.apiserver.table.ListMeta;
import io.capstan.apiserver.table.TableOptions;
import io.capstan.apiserver.table.TableRenderer;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shapes an object or list can be returned in: itself, a {@code meta.k8s.io} Table (what
 * {@code kubectl get} prints), or PartialObjectMetadata (metadata-only clients).
 */
final class Representations {

  private final TableRenderer tables;

  Representations(TableRenderer tables) {
    this.tables = tables;
  }

  ObjectNode list(ResourceType type, ListPage page, ResponseFormat format, String includeObject) {
    return switch (format.as()) {
      case TABLE -> tables.renderList(type.group(), type.kind(), page.items(), tableMeta(page),
          tableOptions(format, includeObject));
      case PARTIAL_METADATA, PARTIAL_METADATA_LIST ->
          partialMetadataList(page.items(), listMeta(page), format.asVersion());
      default -> plainList(type, page);
    };
  }

  /** A single object in the requested representation. */
  ObjectNode single(ResourceType type, ObjectNode object, ResponseFormat format,
      String includeObject) {
    return switch (format.as()) {
      case TABLE -> tables.renderObject(type.group(), type.kind(), object,
          tableOptions(format, includeObject));
      case PARTIAL_METADATA, PARTIAL_METADATA_LIST -> partialMetadata(object, format.asVersion());
      default -> object;
    };
  }

  /** A watch stream's objects: Tables carry column definitions with the first event only. */
  /** How watched objects are turned into what the client asked for; empty: sent as stored. */
  Optional<WatchObjects> forWatch(ResourceType type, ResponseFormat format, String includeObject) {
    return switch (format.as()) {
      case TABLE -> {
        TableRenderer.WatchTables watch = tables.forWatch(type.group(), type.kind(),
            tableOptions(format, includeObject));
        yield Optional.of(watch::next);
      }
      case PARTIAL_METADATA, PARTIAL_METADATA_LIST ->
          Optional.of(object -> partialMetadata(object, format.asVersion()));
      default -> Optional.empty();
    };
  }

  /** Turns each watched object into what the client asked to see. */
  @FunctionalInterface
  interface WatchObjects {
    JsonNode next(ObjectNode object);
  }

  static ObjectNode plainList(ResourceType type, ListPage page) {
    ObjectNode list = Json.object();
    list.put("kind", type.kind() + "List");
    list.put("apiVersion", type.apiVersion());
    list.set("metadata", listMeta(page));
    ArrayNode items = list.putArray("items");
    page.items().forEach(items::add);
    return list;
  }

  static ObjectNode listMeta(ListPage page) {
    ObjectNode meta = Json.object();
    meta.put("resourceVersion", Long.toString(page.revision()));
    if (!page.continueToken().isEmpty()) {
      meta.put("continue", page.continueToken());
    }
    page.remainingItemCount().ifPresent(n -> meta.put("remainingItemCount", n));
    return meta;
  }

  private static ListMeta tableMeta(ListPage page) {
    return new ListMeta(Optional.of(Long.toString(page.revision())),
        Optional.of(page.continueToken()).filter(t -> !t.isEmpty()), page.remainingItemCount());
  }

  private static TableOptions tableOptions(ResponseFormat format, String includeObject) {
    return new TableOptions(IncludeObject.parse(includeObject),
        "meta.k8s.io/" + format.asVersion());
  }

  static ObjectNode partialMetadata(ObjectNode object, String version) {
    ObjectNode partial = Json.object();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", "meta.k8s.io/" + version);
    JsonNode meta = object.get("metadata");
    partial.set("metadata", meta == null ? Json.object() : meta);
    return partial;
  }

  private static ObjectNode partialMetadataList(List<ObjectNode> objects, ObjectNode listMeta,
      String version) {
    ObjectNode list = Json.object();
    list.put("kind", "PartialObjectMetadataList");
    list.put("apiVersion", "meta.k8s.io/" + version);
    list.set("metadata", listMeta);
    ArrayNode items = list.putArray("items");
    for (ObjectNode object : objects) {
      items.add(partialMetadata(object, version));
    }
    return list;
  }
}

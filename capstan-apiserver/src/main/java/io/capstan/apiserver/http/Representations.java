package io.capstan.apiserver.http;

import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.ListPage;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.table.TableColumn;
import io.capstan.apiserver.table.TablePrinter;
import io.capstan.apiserver.table.TablePrinters;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shapes an object or list can be returned in: itself, a {@code meta.k8s.io} Table (what
 * {@code kubectl get} prints), or PartialObjectMetadata (metadata-only clients).
 */
final class Representations {

  private Representations() {}

  static ObjectNode list(ResourceType type, ListPage page) {
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

  /** A Table of the given objects; {@code includeObject} is None, Metadata or Object. */
  static ObjectNode table(ResourceType type, List<ObjectNode> objects, ObjectNode listMeta,
      String version, String includeObject, boolean withColumns, Instant now) {
    TablePrinter printer = TablePrinters.forKind(type.group(), type.kind());
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/" + version);
    table.set("metadata", listMeta);
    ArrayNode columns = table.putArray("columnDefinitions");
    if (withColumns) {
      for (TableColumn column : printer.columns()) {
        ObjectNode c = columns.addObject();
        c.put("name", column.name());
        c.put("type", column.type());
        c.put("format", column.format());
        c.put("description", column.description());
        c.put("priority", column.priority());
      }
    }
    ArrayNode rows = table.putArray("rows");
    for (ObjectNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Object cell : printer.cells(object, now)) {
        cells.add(Json.MAPPER.valueToTree(cell));
      }
      switch (includeObject) {
        case "None" -> { }
        case "Object" -> row.set("object", object);
        default -> row.set("object", partialMetadata(object, version));
      }
    }
    return table;
  }

  static ObjectNode partialMetadata(ObjectNode object, String version) {
    ObjectNode partial = Json.object();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", "meta.k8s.io/" + version);
    JsonNode meta = object.get("metadata");
    partial.set("metadata", meta == null ? Json.object() : meta);
    return partial;
  }

  static ObjectNode partialMetadataList(List<ObjectNode> objects, ObjectNode listMeta,
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

  /** A single object in the requested representation. */
  static ObjectNode single(ResourceType type, ObjectNode object, ResponseFormat format,
      String includeObject, Instant now) {
    return switch (format.as()) {
      case TABLE -> {
        ObjectNode meta = Json.object();
        meta.put("resourceVersion", object.path("metadata").path("resourceVersion").asString(""));
        yield table(type, List.of(object), meta, format.asVersion(), includeObject, true, now);
      }
      case PARTIAL_METADATA, PARTIAL_METADATA_LIST -> partialMetadata(object, format.asVersion());
      default -> object;
    };
  }
}

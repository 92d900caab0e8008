package io.capstan.apiserver.table;

import io.capstan.apiserver.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code meta.k8s.io/v1 Table} a client gets when it asks for
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io}, as Kubernetes' API server does: the
 * printer's columns (all of them; kubectl hides priority 1 unless {@code -o wide}), one row per
 * object with its cells, conditions and, per {@code includeObject}, nothing, a
 * {@code PartialObjectMetadata} or the object itself.
 *
 * <p>Fields appear in Go's order and with Go's emptiness rules: {@code columnDefinitions} is
 * {@code null} when headers are left out, {@code conditions} only when a row has some, and the
 * list metadata only with the values it has. Rows share the given object nodes rather than
 * copying them; the result is meant to be serialized, not modified.
 */
public final class TableRenderer {

  private final TablePrinters printers;
  private final Clock clock;

  public TableRenderer(TablePrinters printers, Clock clock) {
    this.printers = Objects.requireNonNull(printers, "printers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A list of {@code group/kind} objects, carrying the list's metadata. */
  public ObjectNode renderList(String group, String kind, List<ObjectNode> items,
      ListMeta listMeta, TableOptions options) {
    ObjectNode metadata = Json.object();
    listMeta.resourceVersion().filter(v -> !v.isEmpty())
        .ifPresent(v -> metadata.put("resourceVersion", v));
    listMeta.continueToken().filter(v -> !v.isEmpty())
        .ifPresent(v -> metadata.put("continue", v));
    listMeta.remainingItemCount().ifPresent(v -> metadata.put("remainingItemCount", v));
    return render(printers.forKind(group, kind), items, metadata, options, true);
  }

  /** A single object (a GET by name); the Table carries the object's resource version. */
  public ObjectNode renderObject(String group, String kind, ObjectNode object,
      TableOptions options) {
    return renderWatchObject(group, kind, object, options, true);
  }

  /**
   * The object of one watch event. Kubernetes sends the column definitions with the first event
   * of a watch only; later events carry {@code "columnDefinitions": null} and just the row.
   * {@link #forWatch} keeps track of that for a stream.
   */
  public ObjectNode renderWatchObject(String group, String kind, ObjectNode object,
      TableOptions options, boolean withColumnDefinitions) {
    ObjectNode metadata = Json.object();
    String resourceVersion = Tree.text(object, "metadata", "resourceVersion");
    if (!resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    return render(printers.forKind(group, kind), List.of(object), metadata, options,
        withColumnDefinitions);
  }

  /** A renderer for one watch stream: column definitions on the first event only. */
  public WatchTables forWatch(String group, String kind, TableOptions options) {
    return new WatchTables(this, group, kind, options);
  }

  private ObjectNode render(TablePrinter printer, List<ObjectNode> items, ObjectNode metadata,
      TableOptions options, boolean withColumnDefinitions) {
    Instant now = clock.instant();
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", options.apiVersion());
    table.set("metadata", metadata);
    if (withColumnDefinitions) {
      ArrayNode columns = table.putArray("columnDefinitions");
      for (TableColumn column : printer.columns()) {
        ObjectNode definition = columns.addObject();
        definition.put("name", column.name());
        definition.put("type", column.type());
        definition.put("format", column.format());
        definition.put("description", column.description());
        definition.put("priority", column.priority());
      }
    } else {
      table.putNull("columnDefinitions");
    }
    ArrayNode rows = table.putArray("rows");
    for (ObjectNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      printer.cells(item, now).forEach(cell -> addCell(cells, cell));
      List<TableRowCondition> conditions = printer.conditions(item);
      if (!conditions.isEmpty()) {
        ArrayNode array = row.putArray("conditions");
        for (TableRowCondition condition : conditions) {
          ObjectNode c = array.addObject();
          c.put("type", condition.type());
          c.put("status", condition.status());
          c.put("reason", condition.reason());
          c.put("message", condition.message());
        }
      }
      row.set("object", rowObject(item, options));
    }
    return table;
  }

  private static JsonNode rowObject(ObjectNode item, TableOptions options) {
    return switch (options.includeObject()) {
      case NONE -> Json.MAPPER.nullNode();
      case OBJECT -> item;
      case METADATA -> {
        ObjectNode partial = Json.object();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", options.apiVersion());
        JsonNode metadata = item.get("metadata");
        partial.set("metadata", metadata instanceof ObjectNode ? metadata : Json.object());
        yield partial;
      }
    };
  }

  private static void addCell(ArrayNode cells, Object cell) {
    switch (cell) {
      case null -> cells.addNull();
      case String s -> cells.add(s);
      case Long l -> cells.add(l);
      case Integer i -> cells.add(i.longValue());
      case Boolean b -> cells.add(b);
      case Double d -> cells.add(d);
      default -> cells.add(cell.toString());
    }
  }

  /**
   * Renders the objects of one watch stream: the first with column definitions, the rest
   * without. Not thread-safe; one per stream.
   */
  public static final class WatchTables {

    private final TableRenderer renderer;
    private final String group;
    private final String kind;
    private final TableOptions options;
    private boolean headersSent;

    private WatchTables(TableRenderer renderer, String group, String kind, TableOptions options) {
      this.renderer = renderer;
      this.group = group;
      this.kind = kind;
      this.options = options;
    }

    public ObjectNode next(ObjectNode object) {
      ObjectNode table = renderer.renderWatchObject(group, kind, object, options, !headersSent);
      headersSent = true;
      return table;
    }
  }
}

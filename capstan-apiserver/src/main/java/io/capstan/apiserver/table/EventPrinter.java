package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get events}: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST
 * SEEN COUNT NAME. Events written by the newer events API have no first/last timestamps and no
 * count; their event time and series stand in, and a singleton counts once.
 */
final class EventPrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.of("Last Seen", "string", ColumnDescriptions.EVENT_LAST_TIMESTAMP),
      TableColumn.of("Type", "string", ColumnDescriptions.EVENT_TYPE),
      TableColumn.of("Reason", "string", ColumnDescriptions.EVENT_REASON),
      TableColumn.of("Object", "string", ColumnDescriptions.EVENT_INVOLVED_OBJECT),
      TableColumn.wide("Subobject", "string", ColumnDescriptions.EVENT_FIELD_PATH),
      TableColumn.wide("Source", "string", ColumnDescriptions.EVENT_SOURCE),
      TableColumn.of("Message", "string", ColumnDescriptions.EVENT_MESSAGE),
      TableColumn.wide("First Seen", "string", ColumnDescriptions.EVENT_FIRST_TIMESTAMP),
      TableColumn.wide("Count", "string", ColumnDescriptions.EVENT_COUNT),
      new TableColumn("Name", "string", "name", ColumnDescriptions.NAME, 1));

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode event, Instant now) {
    String firstSeen = Tree.time(event, "firstTimestamp").isPresent()
        ? HumanDuration.since(Tree.time(event, "firstTimestamp"), now)
        : HumanDuration.since(Tree.time(event, "eventTime"), now);
    String lastSeen = Tree.time(event, "lastTimestamp").isPresent()
        ? HumanDuration.since(Tree.time(event, "lastTimestamp"), now)
        : firstSeen;
    long count = Tree.integer(event, "count");
    if (Tree.present(event, "series")) {
      lastSeen = HumanDuration.since(Tree.time(event, "series", "lastObservedTime"), now);
      count = Tree.integer(event, "series", "count");
    } else if (count == 0) {
      count = 1;
    }
    JsonNode involved = Tree.at(event, "involvedObject");
    String kind = Tree.text(involved, "kind").toLowerCase(Locale.ROOT);
    String name = Tree.text(involved, "name");
    return List.of(
        lastSeen,
        Tree.text(event, "type"),
        Tree.text(event, "reason"),
        name.isEmpty() ? kind : kind + "/" + name,
        Tree.text(involved, "fieldPath"),
        source(event),
        Tree.text(event, "message").strip(),
        firstSeen,
        count,
        ObjectCells.name(event));
  }

  /**
   * {@code formatEventSource}: the component (or reporting controller), then
   * {@code ", host"} (or reporting instance) when there is one.
   */
  private static String source(JsonNode event) {
    String component = firstNonEmpty(Tree.text(event, "source", "component"),
        Tree.text(event, "reportingComponent"));
    String instance = firstNonEmpty(Tree.text(event, "source", "host"),
        Tree.text(event, "reportingInstance"));
    return instance.isEmpty() ? component : component + ", " + instance;
  }

  private static String firstNonEmpty(String first, String second) {
    return first.isEmpty() ? second : first;
  }
}

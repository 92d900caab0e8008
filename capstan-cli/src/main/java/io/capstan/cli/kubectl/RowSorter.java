package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --sort-by}: objects (or a Table's rows, by the full object each row carries when asked
 * for with {@code includeObject=Object}) in the order of one JSONPath value: numbers by value,
 * text by text, objects without the value first; the order is otherwise kept.
 */
final class RowSorter {

  private RowSorter() {}

  static List<JsonNode> sortObjects(List<JsonNode> objects, String expression) {
    CustomColumns key = CustomColumns.parse("K:" + expression);
    List<JsonNode> sorted = new ArrayList<>(objects);
    sorted.sort(comparator(o -> value(key, o)));
    return sorted;
  }

  /** One Table holding the rows of {@code tables}, sorted. */
  static JsonNode sortTable(List<JsonNode> tables, String expression) {
    if (tables.isEmpty()) {
      return Json.object();
    }
    CustomColumns key = CustomColumns.parse("K:" + expression);
    List<JsonNode> rows = new ArrayList<>();
    tables.forEach(t -> t.path("rows").forEach(rows::add));
    rows.sort(comparator(row -> value(key, row.path("object"))));
    ObjectNode merged = ((ObjectNode) tables.getFirst()).deepCopy();
    merged.putArray("rows").addAll(rows);
    return merged;
  }

  private static JsonNode value(CustomColumns key, JsonNode object) {
    List<List<JsonNode>> results = key.paths().getFirst().findResults(object);
    return results.isEmpty() || results.getFirst().isEmpty()
        ? Json.MAPPER.missingNode() : results.getFirst().getFirst();
  }

  private static Comparator<JsonNode> comparator(java.util.function.Function<JsonNode,
      JsonNode> key) {
    return (a, b) -> compare(key.apply(a), key.apply(b));
  }

  private static int compare(JsonNode a, JsonNode b) {
    if (a.isMissingNode() || b.isMissingNode()) {
      return Boolean.compare(!a.isMissingNode(), !b.isMissingNode());
    }
    if (a.isNumber() && b.isNumber()) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return GoStrings.sprint(a).compareTo(GoStrings.sprint(b));
  }
}

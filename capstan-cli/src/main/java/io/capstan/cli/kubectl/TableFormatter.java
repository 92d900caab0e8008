package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Prints server-side {@code meta.k8s.io/v1} Tables as kubectl's human-readable printer does:
 * upper-case headers, columns of priority above 0 only with {@code -o wide}, a leading NAMESPACE
 * column (taken from each row's object metadata) with {@code -A}, and rows of several Tables (one
 * per named object) under one header.
 */
record TableFormatter(boolean wide, boolean withNamespace) {

  String format(List<JsonNode> tables) {
    Columns columns = new Columns();
    JsonNode definitions = tables.getFirst().path("columnDefinitions");
    List<String> header = new ArrayList<>();
    if (withNamespace) {
      header.add("NAMESPACE");
    }
    for (JsonNode def : definitions) {
      if (visible(def)) {
        header.add(def.path("name").asString().toUpperCase(Locale.ROOT));
      }
    }
    columns.add(header);
    for (JsonNode table : tables) {
      for (JsonNode row : table.path("rows")) {
        columns.add(cells(definitions, row));
      }
    }
    return columns.render();
  }

  /** How many rows the tables hold. */
  static int rowCount(List<JsonNode> tables) {
    return tables.stream().mapToInt(t -> t.path("rows").size()).sum();
  }

  private List<String> cells(JsonNode definitions, JsonNode row) {
    List<String> out = new ArrayList<>();
    if (withNamespace) {
      out.add(row.path("object").path("metadata").path("namespace").asString(""));
    }
    JsonNode cells = row.path("cells");
    for (int i = 0; i < definitions.size(); i++) {
      if (visible(definitions.get(i))) {
        out.add(text(cells.path(i)));
      }
    }
    return out;
  }

  private boolean visible(JsonNode definition) {
    return wide || definition.path("priority").asInt(0) == 0;
  }

  /** Go's {@code fmt.Fprint} of a decoded JSON cell. */
  private static String text(JsonNode cell) {
    if (cell.isMissingNode() || cell.isNull()) {
      return "<none>";
    }
    if (cell.isString()) {
      return cell.asString();
    }
    if (cell.isIntegralNumber()) {
      return cell.bigIntegerValue().toString();
    }
    return cell.toString();
  }
}

package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Prints server-side {@code meta.k8s.io/v1} Tables as kubectl's human-readable printer does:
 * upper-case headers, columns of priority above 0 only with {@code -o wide}, a leading NAMESPACE
 * column (taken from each row's object metadata) with {@code -A}, and rows of several Tables (one
 * per named object) under one header. Options add what {@code get} asks for: {@code -L} label
 * columns (headed by the key's last segment), a LABELS column, a {@code kind.group/} prefix on
 * names when several types are printed, and no header line.
 */
record TableFormatter(boolean wide, boolean withNamespace, List<String> labelColumns,
    boolean showLabels, String namePrefix, boolean noHeaders) {

  TableFormatter(boolean wide, boolean withNamespace) {
    this(wide, withNamespace, List.of(), false, "", false);
  }

  String format(List<JsonNode> tables) {
    Columns columns = new Columns();
    if (!noHeaders) {
      columns.add(header(tables.getFirst()));
    }
    rows(tables).forEach(columns::add);
    return columns.render();
  }

  /** The header cells for a table's column definitions. */
  List<String> header(JsonNode table) {
    List<String> header = new ArrayList<>();
    if (withNamespace) {
      header.add("NAMESPACE");
    }
    for (JsonNode def : table.path("columnDefinitions")) {
      if (visible(def)) {
        header.add(def.path("name").asString().toUpperCase(Locale.ROOT));
      }
    }
    for (String label : labelColumns) {
      String[] segments = label.split("/");
      header.add(segments[segments.length - 1].toUpperCase(Locale.ROOT));
    }
    if (showLabels) {
      header.add("LABELS");
    }
    return header;
  }

  /** The cells of every row of {@code tables}, read with the first table's definitions. */
  List<List<String>> rows(List<JsonNode> tables) {
    JsonNode definitions = tables.getFirst().path("columnDefinitions");
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode table : tables) {
      for (JsonNode row : table.path("rows")) {
        rows.add(cells(definitions, row));
      }
    }
    return rows;
  }

  /** How many rows the tables hold. */
  static int rowCount(List<JsonNode> tables) {
    return tables.stream().mapToInt(t -> t.path("rows").size()).sum();
  }

  private List<String> cells(JsonNode definitions, JsonNode row) {
    List<String> out = new ArrayList<>();
    JsonNode metadata = row.path("object").path("metadata");
    if (withNamespace) {
      out.add(metadata.path("namespace").asString(""));
    }
    JsonNode cells = row.path("cells");
    for (int i = 0; i < definitions.size(); i++) {
      if (visible(definitions.get(i))) {
        String text = text(cells.path(i));
        boolean name = "name".equals(definitions.get(i).path("format").asString(""));
        out.add(name && !namePrefix.isEmpty() ? namePrefix + "/" + text : text);
      }
    }
    JsonNode labels = metadata.path("labels");
    for (String label : labelColumns) {
      out.add(labels.path(label).asString(""));
    }
    if (showLabels) {
      out.add(labels(labels));
    }
    return out;
  }

  /** {@code a=1,b=2} sorted by key, or {@code <none>}, as kubectl's LABELS column. */
  private static String labels(JsonNode labels) {
    Map<String, String> sorted = new TreeMap<>();
    labels.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asString("")));
    if (sorted.isEmpty()) {
      return "<none>";
    }
    List<String> pairs = new ArrayList<>();
    sorted.forEach((k, v) -> pairs.add(k + "=" + v));
    return String.join(",", pairs);
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

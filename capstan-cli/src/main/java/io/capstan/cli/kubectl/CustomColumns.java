package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code -o custom-columns=HEADER:PATH,...} and {@code custom-columns-file} printer: one
 * column per JSONPath (written with or without braces and leading dot), values joined by commas,
 * {@code <none>} when a path finds nothing, maps and lists as Go prints them.
 */
record CustomColumns(List<String> headers, List<JsonPath> paths) {

  private static final Pattern RELAXED = Pattern.compile("^\\{\\.?([^{}]+)}$|^\\.?([^{}]+)$");

  /** Parses {@code NAME:.metadata.name,READY:.status.readyReplicas}. */
  static CustomColumns parse(String spec) {
    List<String> headers = new ArrayList<>();
    List<JsonPath> paths = new ArrayList<>();
    for (String column : spec.split(",")) {
      String[] parts = column.split(":", 2);
      if (parts.length != 2) {
        throw new KubectlError("error: unexpected custom-columns spec: " + column
            + ", expected <header>:<json-path-expr>");
      }
      headers.add(parts[0]);
      paths.add(path(parts[1]));
    }
    return new CustomColumns(List.copyOf(headers), List.copyOf(paths));
  }

  /** Parses a columns file: a line of headers, then a line of paths, split on white space. */
  static CustomColumns parseFile(String text) {
    String[] lines = text.strip().split("\n");
    if (lines.length != 2) {
      throw new KubectlError("error: unexpected custom-columns file: expected two lines, got "
          + lines.length);
    }
    String[] headers = lines[0].trim().split("\\s+");
    String[] specs = lines[1].trim().split("\\s+");
    if (headers.length != specs.length) {
      throw new KubectlError("error: number of headers (" + headers.length
          + ") and field specifications (" + specs.length + ") don't match");
    }
    List<JsonPath> paths = new ArrayList<>();
    for (String spec : specs) {
      paths.add(path(spec));
    }
    return new CustomColumns(List.of(headers), List.copyOf(paths));
  }

  /** kubectl's {@code RelaxedJSONPathExpression}: {@code a.b}, {@code .a.b}, {@code {.a.b}}. */
  private static JsonPath path(String expression) {
    String template = expression;
    if (!expression.isEmpty()) {
      Matcher m = RELAXED.matcher(expression);
      if (!m.matches()) {
        throw new KubectlError("error: unexpected path string, expected a 'name1.name2' or "
            + "'.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
      }
      template = "{." + (m.group(1) != null ? m.group(1) : m.group(2)) + "}";
    }
    try {
      return JsonPath.parse(template, true);
    } catch (JsonPathException e) {
      throw new KubectlError("error: " + e.getMessage());
    }
  }

  /** The aligned table for {@code objects}, with the header line unless {@code noHeaders}. */
  String render(List<JsonNode> objects, boolean noHeaders) {
    Columns columns = new Columns();
    if (!noHeaders) {
      columns.add(headers);
    }
    for (JsonNode object : objects) {
      columns.add(row(object));
    }
    return columns.render();
  }

  List<String> row(JsonNode object) {
    List<String> cells = new ArrayList<>();
    for (JsonPath path : paths) {
      List<List<JsonNode>> results = path.findResults(object);
      List<String> values = new ArrayList<>();
      if (results.isEmpty() || results.getFirst().isEmpty()) {
        values.add("<none>");
      }
      for (List<JsonNode> result : results) {
        result.forEach(v -> values.add(GoStrings.sprint(v)));
      }
      cells.add(String.join(",", values));
    }
    return cells;
  }
}

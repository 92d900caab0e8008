package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import io.capstan.cli.kubectl.JsonPathNode.Field;
import io.capstan.cli.kubectl.JsonPathNode.Filter;
import io.capstan.cli.kubectl.JsonPathNode.Identifier;
import io.capstan.cli.kubectl.JsonPathNode.Literal;
import io.capstan.cli.kubectl.JsonPathNode.Recursive;
import io.capstan.cli.kubectl.JsonPathNode.Slice;
import io.capstan.cli.kubectl.JsonPathNode.Steps;
import io.capstan.cli.kubectl.JsonPathNode.Text;
import io.capstan.cli.kubectl.JsonPathNode.Union;
import io.capstan.cli.kubectl.JsonPathNode.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * A parsed kubectl JSONPath template and its evaluation over decoded JSON, following client-go's
 * {@code util/jsonpath}: each action yields a list of values, printed separated by spaces (maps and
 * lists as compact JSON); {@code {range X}...{end}} repeats its body for each value of X; missing
 * keys yield nothing unless {@code allowMissingKeys} is off.
 */
final class JsonPath {

  private final List<JsonPathNode> root;
  private final boolean allowMissingKeys;

  private JsonPath(List<JsonPathNode> root, boolean allowMissingKeys) {
    this.root = root;
    this.allowMissingKeys = allowMissingKeys;
  }

  /** Parses {@code template}; a {@link JsonPathException} names what is wrong. */
  static JsonPath parse(String template, boolean allowMissingKeys) {
    return new JsonPath(JsonPathParser.parse(template), allowMissingKeys);
  }

  /** The template's output for {@code data}, as kubectl's {@code -o jsonpath} prints it. */
  String execute(JsonNode data) {
    StringBuilder out = new StringBuilder();
    for (List<JsonNode> results : findResults(data)) {
      for (int i = 0; i < results.size(); i++) {
        JsonNode value = results.get(i);
        out.append(value.isContainer() ? GoStrings.marshal(value)
            : value.isNull() ? "null" : GoStrings.scalar(value));
        if (i + 1 < results.size()) {
          out.append(' ');
        }
      }
    }
    return out.toString();
  }

  /** {@code -o jsonpath-as-json}: each action's values as an indented JSON array. */
  String executeAsJson(JsonNode data) {
    StringBuilder out = new StringBuilder();
    for (List<JsonNode> results : findResults(data)) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      results.forEach(array::add);
      out.append(GoJson.write(array));
    }
    return out.toString();
  }

  /** The values of every action, in template order (ranges unrolled). */
  List<List<JsonNode>> findResults(JsonNode data) {
    List<List<JsonNode>> out = new ArrayList<>();
    run(0, data, out, 0);
    return out;
  }

  /** Runs the root nodes from {@code from}; returns the index of the {@code end} closing it. */
  private int run(int from, JsonNode data, List<List<JsonNode>> out, int depth) {
    for (int i = from; i < root.size(); i++) {
      JsonPathNode node = root.get(i);
      if (node instanceof Text text) {
        out.add(List.of(Json.MAPPER.getNodeFactory().stringNode(text.text())));
        continue;
      }
      Steps steps = (Steps) node;
      List<JsonNode> results = evalSteps(List.of(data), steps);
      String marker = marker(steps);
      if (marker.equals("end")) {
        if (depth == 0) {
          throw new JsonPathException("not in range, nothing to end");
        }
        return i;
      }
      if (marker.equals("range")) {
        int end = root.size();
        if (results.isEmpty()) {
          end = run(i + 1, Json.MAPPER.nullNode(), new ArrayList<>(), depth + 1);
        }
        for (JsonNode value : results) {
          end = run(i + 1, value, out, depth + 1);
        }
        i = end;
        continue;
      }
      out.add(results);
    }
    return root.size();
  }

  private static String marker(Steps steps) {
    for (JsonPathNode n : steps.nodes()) {
      if (n instanceof Identifier id && (id.name().equals("range") || id.name().equals("end"))) {
        return id.name();
      }
    }
    return "";
  }

  private List<JsonNode> evalSteps(List<JsonNode> input, Steps steps) {
    List<JsonNode> current = input;
    for (JsonPathNode node : steps.nodes()) {
      current = walk(current, node);
    }
    return current;
  }

  private List<JsonNode> walk(List<JsonNode> input, JsonPathNode node) {
    return switch (node) {
      case Steps steps -> evalSteps(input, steps);
      case Text text -> repeat(input, Json.MAPPER.getNodeFactory().stringNode(text.text()));
      case Literal literal -> repeat(input, Json.MAPPER.valueToTree(literal.value()));
      case Field field -> evalField(input, field);
      case Slice slice -> evalSlice(input, slice);
      case Wildcard w -> evalWildcard(input);
      case Recursive r -> evalRecursive(input);
      case Filter filter -> evalFilter(input, filter);
      case Union union -> {
        List<JsonNode> out = new ArrayList<>();
        union.members().forEach(m -> out.addAll(evalSteps(input, m)));
        yield out;
      }
      case Identifier id -> {
        if (!id.name().equals("range") && !id.name().equals("end")) {
          throw new JsonPathException("unrecognized identifier " + id.name());
        }
        yield input;
      }
    };
  }

  private static List<JsonNode> repeat(List<JsonNode> input, JsonNode value) {
    List<JsonNode> out = new ArrayList<>();
    input.forEach(ignored -> out.add(value));
    return out;
  }

  private List<JsonNode> evalField(List<JsonNode> input, Field field) {
    List<JsonNode> out = new ArrayList<>();
    if (input.isEmpty()) {
      return out;
    }
    for (JsonNode value : input) {
      if (value.isObject() && value.has(field.name())) {
        out.add(value.get(field.name()));
      }
    }
    if (out.isEmpty() && !allowMissingKeys) {
      throw new JsonPathException(field.name() + " is not found");
    }
    return out;
  }

  private static List<JsonNode> evalSlice(List<JsonNode> input, Slice slice) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode value : input) {
      if (value.isNull()) {
        continue;
      }
      if (!value.isArray()) {
        throw new JsonPathException(GoValues.typeName(value) + " is not array or slice");
      }
      int length = value.size();
      int from = slice.start() == null ? 0 : slice.start();
      if (from < 0) {
        from += length;
      }
      int to = slice.end() == null ? length : slice.end();
      if (to < 0 || (to == 0 && slice.derivedEnd())) {
        to += length;
      }
      if (to == from) {
        return out;
      }
      if (from >= length || from < 0) {
        throw outOfBounds(from, length);
      }
      if (to > length || to < 0) {
        throw outOfBounds(to - 1, length);
      }
      if (from > to) {
        throw new JsonPathException("starting index " + from + " is greater than ending index "
            + to);
      }
      int step = slice.step() == null ? 1 : slice.step();
      if (step <= 0) {
        throw new JsonPathException("step must be > 0");
      }
      for (int i = from; i < to; i += step) {
        out.add(value.get(i));
      }
    }
    return out;
  }

  private static JsonPathException outOfBounds(int index, int length) {
    return new JsonPathException("array index out of bounds: index " + index + ", length "
        + length);
  }

  private static List<JsonNode> evalWildcard(List<JsonNode> input) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode value : input) {
      if (value.isObject()) {
        out.addAll(sortedValues(value));
      } else if (value.isArray()) {
        value.forEach(out::add);
      }
    }
    return out;
  }

  private static List<JsonNode> evalRecursive(List<JsonNode> input) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode value : input) {
      List<JsonNode> children = value.isObject() ? sortedValues(value)
          : value.isArray() ? toList(value) : List.of();
      if (!children.isEmpty()) {
        out.add(value);
        out.addAll(evalRecursive(children));
      }
    }
    return out;
  }

  private List<JsonNode> evalFilter(List<JsonNode> input, Filter filter) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode value : input) {
      if (!value.isArray()) {
        throw new JsonPathException(GoStrings.sprint(value)
            + " is not array or slice and cannot be filtered");
      }
      for (JsonNode element : value) {
        List<JsonNode> item = List.of(element);
        if (filter.operator().equals("exists")) {
          List<JsonNode> lefts;
          try {
            lefts = evalSteps(item, filter.left());
          } catch (JsonPathException missing) {
            lefts = List.of();
          }
          if (!lefts.isEmpty()) {
            out.add(element);
          }
          continue;
        }
        List<JsonNode> lefts = evalSteps(item, filter.left());
        if (lefts.isEmpty()) {
          continue;
        }
        if (lefts.size() > 1) {
          throw new JsonPathException("can only compare one element at a time");
        }
        List<JsonNode> rights = evalSteps(item, filter.right());
        if (rights.isEmpty()) {
          continue;
        }
        if (rights.size() > 1) {
          throw new JsonPathException("can only compare one element at a time");
        }
        if (GoValues.compare(lefts.getFirst(), filter.operator(), rights.getFirst())) {
          out.add(element);
        }
      }
    }
    return out;
  }

  private static List<JsonNode> sortedValues(JsonNode object) {
    Map<String, JsonNode> sorted = new TreeMap<>();
    object.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new ArrayList<>(sorted.values());
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}

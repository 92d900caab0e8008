package io.capstan.cli.kubectl;

import io.capstan.apiserver.errors.GoQuote;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Decoded JSON seen as the Go values kubectl works on ({@code map[string]interface {}},
 * {@code []interface {}}, {@code int64}, {@code float64}, {@code string}, {@code bool}): their type
 * names, Go's {@code %#v} syntax, and text/template's comparisons used by JSONPath filters.
 */
final class GoValues {

  private GoValues() {}

  static String typeName(JsonNode value) {
    if (value.isObject()) {
      return "map[string]interface {}";
    }
    if (value.isArray()) {
      return "[]interface {}";
    }
    if (value.isString()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "int64";
    }
    if (value.isNumber()) {
      return "float64";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    return "interface {}";
  }

  /** Go's {@code %#v} of the value, as in kubectl's "object given to jsonpath engine was". */
  static String goSyntax(JsonNode value) {
    StringBuilder out = new StringBuilder();
    goSyntax(value, out, false);
    return out.toString();
  }

  private static void goSyntax(JsonNode value, StringBuilder out, boolean inInterface) {
    if (value.isObject()) {
      out.append("map[string]interface {}{");
      Map<String, JsonNode> sorted = new TreeMap<>();
      value.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      int i = 0;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        out.append(i++ > 0 ? ", " : "");
        out.append(GoQuote.quote(e.getKey()));
        out.append(':');
        goSyntax(e.getValue(), out, true);
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append("[]interface {}{");
      for (int i = 0; i < value.size(); i++) {
        out.append(i > 0 ? ", " : "");
        goSyntax(value.get(i), out, true);
      }
      out.append('}');
    } else if (value.isString()) {
      out.append(GoQuote.quote(value.asString()));
    } else if (value.isNull() || value.isMissingNode()) {
      out.append(inInterface ? "interface {}(nil)" : "<nil>");
    } else {
      out.append(GoStrings.scalar(value));
    }
  }

  /**
   * {@code left op right} with text/template's rules: both sides of one basic kind (integers,
   * floats, strings, booleans), else "incompatible types for comparison"; booleans only for
   * equality.
   */
  static boolean compare(JsonNode left, String operator, JsonNode right) {
    int order;
    if (left.isIntegralNumber() && right.isIntegralNumber()) {
      order = left.bigIntegerValue().compareTo(right.bigIntegerValue());
    } else if (left.isNumber() && right.isNumber()
        && !left.isIntegralNumber() && !right.isIntegralNumber()) {
      order = Double.compare(left.doubleValue(), right.doubleValue());
    } else if (left.isString() && right.isString()) {
      order = left.asString().compareTo(right.asString());
    } else if (left.isBoolean() && right.isBoolean()) {
      if (!operator.equals("==") && !operator.equals("!=")) {
        throw new JsonPathException("invalid type for comparison");
      }
      order = left.booleanValue() == right.booleanValue() ? 0 : 1;
    } else if (left.isNull() || right.isNull()) {
      order = left.isNull() == right.isNull() ? 0 : 1;
      if (!operator.equals("==") && !operator.equals("!=")) {
        throw new JsonPathException("invalid type for comparison");
      }
    } else {
      throw new JsonPathException("incompatible types for comparison");
    }
    return switch (operator) {
      case "==" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case ">" -> order > 0;
      case "<=" -> order <= 0;
      case ">=" -> order >= 0;
      default -> throw new JsonPathException("unrecognized filter operator " + operator);
    };
  }
}

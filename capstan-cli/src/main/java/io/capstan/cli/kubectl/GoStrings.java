package io.capstan.cli.kubectl;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Go's ways of turning values into text that kubectl's printers use: {@code fmt.Sprint} of decoded
 * JSON ({@code map[a:1 b:2]}, {@code [x y]}, {@code <nil>}), {@code json.Marshal} (compact, keys
 * sorted, HTML characters escaped), the shortest float formatting, and string unquoting.
 */
final class GoStrings {

  private GoStrings() {}

  /** {@code fmt.Sprint(v)} of a value decoded from JSON into Go's {@code interface{}}. */
  static String sprint(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "<nil>";
    }
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("map[");
      Map<String, JsonNode> sorted = sorted(node);
      int i = 0;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        out.append(i++ > 0 ? " " : "").append(e.getKey()).append(':')
            .append(sprint(e.getValue()));
      }
      return out.append(']').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < node.size(); i++) {
        out.append(i > 0 ? " " : "").append(sprint(node.get(i)));
      }
      return out.append(']').toString();
    }
    return scalar(node);
  }

  /** A scalar as {@code fmt.Print} writes it: strings bare, numbers as Go formats them. */
  static String scalar(JsonNode node) {
    if (node.isString()) {
      return node.asString();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      return formatFloat(node.doubleValue());
    }
    return node.toString();
  }

  /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 and from 1e21. */
  static String formatFloat(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return new BigDecimal(d).toPlainString();
    }
    BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent < -4 || exponent >= 21) {
      String digits = shortest.unscaledValue().abs().toString();
      String mantissa = digits.length() == 1 ? digits
          : digits.charAt(0) + "." + digits.substring(1);
      return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    return shortest.toPlainString();
  }

  /** {@code json.Marshal}: compact, map keys sorted, {@code <>&} escaped. */
  static String marshal(JsonNode node) {
    StringBuilder out = new StringBuilder();
    marshal(node, out);
    return out.toString();
  }

  private static void marshal(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      out.append('{');
      int i = 0;
      for (Map.Entry<String, JsonNode> e : sorted(node).entrySet()) {
        out.append(i++ > 0 ? "," : "");
        GoJson.quote(e.getKey(), out);
        out.append(':');
        marshal(e.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        out.append(i > 0 ? "," : "");
        marshal(node.get(i), out);
      }
      out.append(']');
    } else if (node.isString()) {
      GoJson.quote(node.asString(), out);
    } else if (node.isNumber() && !node.isIntegralNumber()) {
      out.append(formatFloat(node.doubleValue()));
    } else {
      out.append(node.toString());
    }
  }

  private static Map<String, JsonNode> sorted(JsonNode node) {
    Map<String, JsonNode> sorted = new TreeMap<>();
    node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The text of a quoted literal's inside, with Go's backslash escapes resolved. */
  static String unquote(String inside) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < inside.length(); i++) {
      char c = inside.charAt(i);
      if (c != '\\' || i + 1 == inside.length()) {
        out.append(c);
        continue;
      }
      char e = inside.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000b');
        case 'u', 'x' -> {
          int len = e == 'u' ? 4 : 2;
          try {
            out.append((char) Integer.parseInt(inside.substring(i + 1, i + 1 + len), 16));
          } catch (IndexOutOfBoundsException | NumberFormatException bad) {
            throw new JsonPathException("unquote string \"" + inside + "\" error invalid syntax");
          }
          i += len;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}

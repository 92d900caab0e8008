package io.capstan.cli.kubectl;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * YAML as kubectl's {@code -o yaml} writes it (go-yaml v2 behind {@code sigs.k8s.io/yaml}): keys
 * sorted, sequences at their key's indent, strings quoted only when they would read back as
 * something else ({@code "1"}, {@code "true"}, timestamps: double quotes) or cannot be plain
 * ({@code '*'}: single quotes), multi-line strings as literal blocks, and long plain strings
 * folded at spaces past column 80.
 */
final class GoYaml {

  private static final int BEST_WIDTH = 80;
  private static final Set<String> NOT_STRINGS = Set.of("y", "Y", "yes", "Yes", "YES", "on",
      "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF", "true", "True", "TRUE",
      "false", "False", "FALSE", "~", "null", "Null", "NULL", "", "<<", ".inf", ".Inf", ".INF",
      "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN");
  private static final Pattern INT = Pattern.compile(
      "[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)");
  private static final Pattern FLOAT = Pattern.compile(
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern BASE60 = Pattern.compile(
      "[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]+)?"
          + "(?:Z|[-+][0-9]{2}:[0-9]{2})?)?");

  private GoYaml() {}

  static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    if (node.isObject() && !node.isEmpty()) {
      mapping(node, 0, out, false);
    } else if (node.isArray() && !node.isEmpty()) {
      sequence(node, 0, out, false);
    } else {
      out.append(inline(node, 0, 0)).append('\n');
    }
    return out.toString();
  }

  /** A block mapping; its first key continues the current line when {@code inline}. */
  private static void mapping(JsonNode node, int indent, StringBuilder out, boolean inline) {
    Map<String, JsonNode> sorted = new TreeMap<>();
    node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
      if (!(first && inline)) {
        out.append(" ".repeat(indent));
      }
      first = false;
      String key = scalar(e.getKey(), indent + 2, indent);
      out.append(key).append(':');
      value(e.getValue(), indent, indent + key.length() + 1, out, true);
    }
  }

  /** A block sequence; its first dash continues the current line when {@code inline}. */
  private static void sequence(JsonNode node, int indent, StringBuilder out, boolean inline) {
    boolean first = true;
    for (JsonNode item : node) {
      if (!(first && inline)) {
        out.append(" ".repeat(indent));
      }
      first = false;
      out.append('-');
      value(item, indent, indent + 1, out, false);
    }
  }

  /** A value after {@code key:} or {@code -}, starting at {@code column}. */
  private static void value(JsonNode v, int indent, int column, StringBuilder out,
      boolean inMapping) {
    if (v.isObject() && !v.isEmpty()) {
      out.append(inMapping ? "\n" : " ");
      mapping(v, indent + 2, out, !inMapping);
    } else if (v.isArray() && !v.isEmpty()) {
      out.append(inMapping ? "\n" : " ");
      sequence(v, inMapping ? indent : indent + 2, out, !inMapping);
    } else {
      out.append(' ').append(inline(v, indent + 2, column + 1)).append('\n');
    }
  }

  private static String inline(JsonNode v, int indent, int column) {
    if (v.isObject()) {
      return "{}";
    }
    if (v.isArray()) {
      return "[]";
    }
    if (v.isString()) {
      return scalar(v.asString(), indent, column);
    }
    return v.isNull() ? "null" : v.toString();
  }

  /** One string in go-yaml's chosen style; {@code indent} is that of continuation lines. */
  static String scalar(String s, int indent, int column) {
    if (s.contains("\n")) {
      return literal(s, indent);
    }
    if (resolvesToNonString(s)) {
      StringBuilder out = new StringBuilder();
      GoJson.quote(s, out);
      return fold(out.toString(), indent, column);
    }
    if (!plainAllowed(s)) {
      return fold("'" + s.replace("'", "''") + "'", indent, column);
    }
    return fold(s, indent, column);
  }

  private static String literal(String s, int indent) {
    String chomp = s.endsWith("\n\n") ? "+" : s.endsWith("\n") ? "" : "-";
    String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    StringBuilder out = new StringBuilder("|").append(chomp);
    for (String line : body.split("\n", -1)) {
      out.append('\n');
      if (!line.isEmpty()) {
        out.append(" ".repeat(indent)).append(line);
      }
    }
    return out.toString();
  }

  private static String fold(String s, int indent, int column) {
    StringBuilder out = new StringBuilder();
    int col = column;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean afterSpace = i > 0 && s.charAt(i - 1) == ' ';
      boolean beforeSpace = i + 1 < s.length() && s.charAt(i + 1) == ' ';
      if (c == ' ' && !afterSpace && col > BEST_WIDTH && !beforeSpace) {
        out.append('\n').append(" ".repeat(indent));
        col = indent;
      } else {
        out.append(c);
        col++;
      }
    }
    return out.toString();
  }

  static boolean resolvesToNonString(String s) {
    if (NOT_STRINGS.contains(s)) {
      return true;
    }
    char first = s.charAt(0);
    if ("+-.0123456789".indexOf(first) < 0) {
      return false;
    }
    String plain = s.replace("_", "");
    return INT.matcher(plain).matches() || FLOAT.matcher(plain).matches()
        || BASE60.matcher(s).matches() || TIMESTAMP.matcher(s).matches();
  }

  static boolean plainAllowed(String s) {
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if (first == ' ' || last == ' ' || "#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) {
      return false;
    }
    boolean followedByBlank = s.length() == 1 || s.charAt(1) == ' ';
    if ((first == '-' || first == '?' || first == ':') && followedByBlank) {
      return false;
    }
    if (last == ':' || s.contains(": ") || s.contains(" #")) {
      return false;
    }
    return s.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
  }
}

package io.capstan.apiserver.resources.fields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A short human-readable account of where two trees differ, in place of the Go {@code cmp.Diff}
 * Kubernetes appends to some messages: one {@code -} and one {@code +} line per differing leaf.
 */
public final class TreeDiff {

  private static final int MAX_LINES = 40;

  private TreeDiff() {}

  public static String describe(JsonNode before, JsonNode after, String rootName) {
    List<String> lines = new ArrayList<>();
    walk(before, after, rootName, lines);
    if (lines.size() > MAX_LINES) {
      lines = new ArrayList<>(lines.subList(0, MAX_LINES));
      lines.add("  ...");
    }
    return String.join("\n", lines);
  }

  private static void walk(JsonNode a, JsonNode b, String path, List<String> out) {
    if (Nodes.semanticEquals(a, b)) {
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      Set<String> names = new LinkedHashSet<>(a.propertyNames());
      names.addAll(b.propertyNames());
      for (String name : names) {
        walk(a.get(name), b.get(name), path + "." + name, out);
      }
      return;
    }
    if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        walk(a.get(i), b.get(i), path + "[" + i + "]", out);
      }
      return;
    }
    out.add("- " + path + ": " + (Nodes.isZero(a) ? "<unset>" : a.toString()));
    out.add("+ " + path + ": " + (Nodes.isZero(b) ? "<unset>" : b.toString()));
  }
}

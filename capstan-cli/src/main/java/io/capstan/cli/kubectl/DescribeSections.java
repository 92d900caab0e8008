package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The pieces every kubectl describer shares: multi-line labels and annotations, tolerations and
 * taints, label selectors in their string form, the controller line and the events table.
 */
final class DescribeSections {

  /** kubectl shortens annotations longer than this, and never shows the last-applied one. */
  private static final int MAX_ANNOTATION = 140;
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private DescribeSections() {}

  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? "" : node.asString("");
  }

  static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }

  /** {@code printLabelsMultiline}: {@code Title:\tk=v}, one label per line, sorted. */
  static void labels(DescribeWriter w, String title, JsonNode labels) {
    labels(w, "", title, labels);
  }

  static void labels(DescribeWriter w, String indent, String title, JsonNode labels) {
    w.write(0, "%s%s:\t", indent, title);
    TreeMap<String, String> sorted = sorted(labels);
    if (sorted.isEmpty()) {
      w.line("<none>");
      return;
    }
    boolean first = true;
    for (var e : sorted.entrySet()) {
      if (!first) {
        w.write(0, "%s\t", indent);
      }
      first = false;
      w.write(0, "%s=%s\n", e.getKey(), e.getValue());
    }
  }

  /** {@code printAnnotationsMultiline}: long or multi-line values go on their own lines. */
  static void annotations(DescribeWriter w, String indent, String title, JsonNode annotations) {
    w.write(0, "%s%s:\t", indent, title);
    TreeMap<String, String> sorted = sorted(annotations);
    sorted.remove(LAST_APPLIED);
    if (sorted.isEmpty()) {
      w.line("<none>");
      return;
    }
    boolean first = true;
    for (var e : sorted.entrySet()) {
      if (!first) {
        w.write(0, "%s\t", indent);
      }
      first = false;
      String value = e.getValue().endsWith("\n")
          ? e.getValue().substring(0, e.getValue().length() - 1) : e.getValue();
      if (value.length() + e.getKey().length() + 2 > MAX_ANNOTATION || value.contains("\n")) {
        w.write(0, "%s:\n", e.getKey());
        for (String s : value.split("\n", -1)) {
          w.write(0, "%s\t  %s\n", indent, shorten(s, MAX_ANNOTATION - 2));
        }
      } else {
        w.write(0, "%s: %s\n", e.getKey(), value);
      }
    }
  }

  private static String shorten(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "..." : s;
  }

  private static TreeMap<String, String> sorted(JsonNode map) {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (map != null && map.isObject()) {
      map.properties().forEach(e -> sorted.put(e.getKey(), text(e.getValue())));
    }
    return sorted;
  }

  /** {@code printPodTolerationsMultiline}. */
  static void tolerations(DescribeWriter w, String title, JsonNode tolerations) {
    w.write(0, "%s:\t", title);
    List<JsonNode> sorted = new ArrayList<>();
    tolerations.forEach(sorted::add);
    if (sorted.isEmpty()) {
      w.line("<none>");
      return;
    }
    sorted.sort(Comparator.comparing(t -> text(t.path("key"))));
    boolean first = true;
    for (JsonNode t : sorted) {
      if (!first) {
        w.write(0, "\t");
      }
      first = false;
      String key = text(t.path("key"));
      String value = text(t.path("value"));
      String effect = text(t.path("effect"));
      StringBuilder s = new StringBuilder(key);
      if (!value.isEmpty()) {
        s.append('=').append(value);
      }
      if (!effect.isEmpty()) {
        s.append(':').append(effect);
      }
      if (text(t.path("operator")).equals("Exists") && value.isEmpty()) {
        s.append(key.isEmpty() && effect.isEmpty() ? "op=Exists" : " op=Exists");
      }
      if (t.path("tolerationSeconds").isNumber()) {
        s.append(" for ").append(t.path("tolerationSeconds").asLong()).append('s');
      }
      w.write(0, "%s\n", s);
    }
  }

  /** {@code printNodeTaintsMultiline}: sorted by effect, then key. */
  static void taints(DescribeWriter w, String title, JsonNode taints) {
    w.write(0, "%s:\t", title);
    List<JsonNode> sorted = new ArrayList<>();
    taints.forEach(sorted::add);
    if (sorted.isEmpty()) {
      w.line("<none>");
      return;
    }
    sorted.sort(Comparator.comparing(t -> text(t.path("effect")) + "," + text(t.path("key"))));
    boolean first = true;
    for (JsonNode t : sorted) {
      if (!first) {
        w.write(0, "\t");
      }
      first = false;
      String value = text(t.path("value"));
      w.write(0, "%s%s:%s\n", text(t.path("key")), value.isEmpty() ? "" : "=" + value,
          text(t.path("effect")));
    }
  }

  /** {@code labels.FormatLabels}: {@code k=v,...} sorted, or {@code <none>}. */
  static String formatLabels(JsonNode labels) {
    List<String> parts = new ArrayList<>();
    sorted(labels).forEach((k, v) -> parts.add(k + "=" + v));
    return parts.isEmpty() ? "<none>" : String.join(",", parts);
  }

  /**
   * {@code LabelSelectorAsSelector(s).String()}: requirements sorted by key, {@code k=v},
   * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}; empty for no selector.
   */
  static String selector(JsonNode selector) {
    TreeMap<String, List<String>> byKey = new TreeMap<>();
    sorted(selector.path("matchLabels"))
        .forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(k + "=" + v));
    for (JsonNode e : selector.path("matchExpressions")) {
      String key = text(e.path("key"));
      List<String> values = new ArrayList<>();
      e.path("values").forEach(v -> values.add(text(v)));
      values.sort(Comparator.naturalOrder());
      String requirement = switch (text(e.path("operator"))) {
        case "In" -> key + " in (" + String.join(",", values) + ")";
        case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
        case "DoesNotExist" -> "!" + key;
        default -> key;
      };
      byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(requirement);
    }
    List<String> all = new ArrayList<>();
    byKey.values().forEach(all::addAll);
    return String.join(",", all);
  }

  /** Whether {@code labels} satisfy {@code selector} (a LabelSelector object). */
  static boolean matches(JsonNode selector, JsonNode labels) {
    var have = sorted(labels);
    for (var e : sorted(selector.path("matchLabels")).entrySet()) {
      if (!e.getValue().equals(have.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode e : selector.path("matchExpressions")) {
      String key = text(e.path("key"));
      List<String> values = new ArrayList<>();
      e.path("values").forEach(v -> values.add(text(v)));
      boolean ok = switch (text(e.path("operator"))) {
        case "In" -> have.containsKey(key) && values.contains(have.get(key));
        case "NotIn" -> !have.containsKey(key) || !values.contains(have.get(key));
        case "Exists" -> have.containsKey(key);
        default -> !have.containsKey(key);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code Kind/name} of the object's controller owner, as {@code Controlled By:} shows it. */
  static Optional<String> controller(JsonNode object) {
    for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
      if (owner.path("controller").asBoolean(false)) {
        return Optional.of(text(owner.path("kind")) + "/" + text(owner.path("name")));
      }
    }
    return Optional.empty();
  }

  /** The uid of the object's controller owner. */
  static String controllerUid(JsonNode object) {
    for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
      if (owner.path("controller").asBoolean(false)) {
        return text(owner.path("uid"));
      }
    }
    return "";
  }

  /** {@code printBool}. */
  static String bool(JsonNode b) {
    return b.asBoolean(false) ? "True" : "False";
  }
}

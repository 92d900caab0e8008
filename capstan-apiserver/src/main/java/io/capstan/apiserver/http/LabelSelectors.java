package io.capstan.apiserver.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Renders a {@code metav1.LabelSelector} in the query-string form Kubernetes publishes in
 * {@code Scale.status.selector}: requirements sorted by key, e.g. {@code app=web,tier in (a,b)}.
 */
final class LabelSelectors {

  private LabelSelectors() {}

  static String format(JsonNode selector) {
    Map<String, String> byKey = new TreeMap<>();
    List<String> parts = new ArrayList<>();
    JsonNode matchLabels = selector.path("matchLabels");
    for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
      byKey.put(e.getKey() + "\u0000", e.getKey() + "=" + e.getValue().asString(""));
    }
    int i = 0;
    for (JsonNode expr : selector.path("matchExpressions")) {
      String key = expr.path("key").asString("");
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(v -> values.add(v.asString("")));
      values.sort(null);
      String rendered = switch (expr.path("operator").asString("")) {
        case "In" -> key + " in (" + String.join(",", values) + ")";
        case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
        case "Exists" -> key;
        case "DoesNotExist" -> "!" + key;
        default -> "";
      };
      if (!rendered.isEmpty()) {
        byKey.put(key + "\u0001" + (i++), rendered);
      }
    }
    parts.addAll(byKey.values());
    return String.join(",", parts);
  }
}

package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/** Cell values several printers share: name, age, container lists, label maps. */
final class ObjectCells {

  private ObjectCells() {}

  static String name(JsonNode object) {
    return Tree.text(object, "metadata", "name");
  }

  static String age(JsonNode object, Instant now) {
    return HumanDuration.since(Tree.time(object, "metadata", "creationTimestamp"), now);
  }

  /** The CONTAINERS and IMAGES cells of a workload. */
  record Containers(String names, String images) {}

  /** {@code layoutContainerCells}: names and images of the containers, each comma-joined. */
  static Containers containers(JsonNode podSpec) {
    StringJoiner names = new StringJoiner(",");
    StringJoiner images = new StringJoiner(",");
    for (JsonNode container : Tree.list(podSpec, "containers")) {
      names.add(Tree.text(container, "name"));
      images.add(Tree.text(container, "image"));
    }
    return new Containers(names.toString(), images.toString());
  }

  /** {@code labels.FormatLabels}: {@code k=v} pairs sorted by key, or {@code <none>}. */
  static String formatLabels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "<none>";
    }
    StringJoiner joined = new StringJoiner(",");
    labels.forEach((k, v) -> joined.add(k + "=" + v));
    return joined.toString();
  }

  /**
   * The {@code listWithMoreString} convention: at most {@code max} entries, then
   * {@code " + N more..."}; an empty list reads {@code <unset>}.
   */
  static String listWithMore(List<String> entries, int max) {
    if (entries.size() > max) {
      return String.join(",", entries.subList(0, max)) + " + " + (entries.size() - max) + " more...";
    }
    return entries.isEmpty() ? "<unset>" : String.join(",", entries);
  }
}

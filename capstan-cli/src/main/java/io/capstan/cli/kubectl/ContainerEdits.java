package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The changes of {@code set image} and {@code set env} made to a pod spec (in place, on a copy the
 * caller owns): images by container name or {@code *}, environment variables set or removed in
 * the containers that {@code -c} selects.
 */
final class ContainerEdits {

  private ContainerEdits() {}

  /** Every container of the spec, init containers first, as kubectl visits them. */
  static List<ObjectNode> containers(ObjectNode podSpec) {
    List<ObjectNode> out = new ArrayList<>();
    for (String field : List.of("initContainers", "containers")) {
      for (JsonNode c : podSpec.path(field)) {
        if (c instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /**
   * Sets the images of {@code images} (container name or {@code *} to image); a name that no
   * container has is kubectl's error.
   */
  static void setImages(ObjectNode podSpec, Map<String, String> images) {
    List<ObjectNode> containers = containers(podSpec);
    images.forEach((name, image) -> {
      boolean found = false;
      for (ObjectNode c : containers) {
        if (name.equals("*") || name.equals(c.path("name").asString())) {
          c.put("image", image);
          found = true;
        }
      }
      if (!found) {
        throw new KubectlError("error: unable to find container named \"" + name + "\"");
      }
    });
  }

  /**
   * Sets and removes environment variables in the containers whose name matches {@code
   * container} ({@code *} for all); returns how many containers matched.
   */
  static int setEnv(ObjectNode podSpec, String container, KeyValueChanges changes) {
    int matched = 0;
    for (ObjectNode c : containers(podSpec)) {
      if (!container.equals("*") && !container.equals(c.path("name").asString())) {
        continue;
      }
      matched++;
      ArrayNode env = c.has("env") && c.get("env").isArray() ? (ArrayNode) c.get("env")
          : c.putArray("env");
      for (int i = env.size() - 1; i >= 0; i--) {
        if (changes.remove().contains(env.get(i).path("name").asString())) {
          env.remove(i);
        }
      }
      changes.set().forEach((name, value) -> {
        for (JsonNode var : env) {
          if (var.path("name").asString().equals(name)) {
            ((ObjectNode) var).remove("valueFrom");
            ((ObjectNode) var).put("value", value);
            return;
          }
        }
        env.addObject().put("name", name).put("value", value);
      });
      if (env.isEmpty()) {
        c.remove("env");
      }
    }
    return matched;
  }
}

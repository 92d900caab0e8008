package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The types of a discovery category such as {@code all} ({@code get all}), in discovery order as
 * kubectl expands them: the core group first, then each group's preferred version in the order the
 * server lists the groups.
 */
final class ResourceCategories {

  private ResourceCategories() {}

  static List<ApiResource> expand(Cluster cluster, ResourceCatalog catalog, String category) {
    List<ApiResource> out = new ArrayList<>();
    collect(fetch(cluster, "/api/v1"), "", category, catalog, out);
    for (JsonNode group : fetch(cluster, "/apis").path("groups")) {
      String name = group.path("name").asString();
      collect(fetch(cluster, "/apis/" + name + "/"
          + group.path("preferredVersion").path("version").asString()), name, category, catalog,
          out);
    }
    return out;
  }

  private static void collect(JsonNode list, String group, String category,
      ResourceCatalog catalog, List<ApiResource> out) {
    for (JsonNode r : list.path("resources")) {
      String name = r.path("name").asString();
      boolean member = false;
      for (JsonNode c : r.path("categories")) {
        member |= c.asString("").equals(category);
      }
      if (member && !name.contains("/")) {
        catalog.find(group.isEmpty() ? name : name + "." + group).ifPresent(out::add);
      }
    }
  }

  private static JsonNode fetch(Cluster cluster, String path) {
    Cluster.Reply reply = cluster.get(path, Cluster.JSON);
    if (!reply.ok()) {
      throw new KubectlError("error: the server could not list " + path + " (" + reply.code()
          + ")");
    }
    return Json.MAPPER.readTree(reply.body());
  }
}

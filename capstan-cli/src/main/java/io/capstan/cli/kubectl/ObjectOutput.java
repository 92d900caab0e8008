package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects of {@code -o yaml|json|name}: what the server returned (one object per name, or a
 * list), shaped as kubectl shapes it: one object for one name, else a {@code v1 List} whose items
 * carry their apiVersion and kind.
 */
record ObjectOutput(ApiResource type) {

  JsonNode document(List<JsonNode> replies, boolean single) {
    List<JsonNode> items = items(replies);
    if (single && items.size() == 1) {
      return items.getFirst();
    }
    ObjectNode list = Json.object();
    list.put("apiVersion", "v1");
    list.putArray("items").addAll(items);
    list.put("kind", "List");
    list.putObject("metadata").put("resourceVersion", "");
    return list;
  }

  /** {@code deployment.apps/web}, one per line. */
  String names(List<JsonNode> replies) {
    StringBuilder out = new StringBuilder();
    for (JsonNode item : items(replies)) {
      out.append(type.qualifiedKind()).append('/')
          .append(item.path("metadata").path("name").asString()).append('\n');
    }
    return out.toString();
  }

  private List<JsonNode> items(List<JsonNode> replies) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode reply : replies) {
      if (reply.has("items")) {
        for (JsonNode item : reply.path("items")) {
          ObjectNode copy = ((ObjectNode) item).deepCopy();
          copy.put("apiVersion", type.groupVersion());
          copy.put("kind", type.kind());
          out.add(copy);
        }
      } else {
        out.add(reply);
      }
    }
    return out;
  }
}

package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

public final class Patches {
  private Patches() {}

  public static JsonNode apply(PatchType type, JsonNode current, byte[] patch, Class<?> modelClass) {
    JsonNode p;
    try {
      p = Json.MAPPER.readTree(patch);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("invalid patch: " + e.getMessage());
    }
    return merge(current.deepCopy(), p);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!(patch instanceof ObjectNode po)) {
      return patch;
    }
    ObjectNode t = target instanceof ObjectNode o ? o : Json.object();
    for (Map.Entry<String, JsonNode> e : po.properties()) {
      if (e.getValue().isNull()) {
        t.remove(e.getKey());
      } else {
        t.set(e.getKey(), merge(t.path(e.getKey()), e.getValue()));
      }
    }
    return t;
  }
}

package io.capstan.cli.kubectl;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** {@code -o name}: {@code deployment.apps/web} per object, from its apiVersion and kind. */
final class GetNames {

  private GetNames() {}

  static String of(List<JsonNode> objects) {
    StringBuilder out = new StringBuilder();
    for (JsonNode item : objects) {
      String apiVersion = item.path("apiVersion").asString("");
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      out.append(item.path("kind").asString("").toLowerCase(Locale.ROOT))
          .append(group.isEmpty() ? "" : "." + group).append('/')
          .append(item.path("metadata").path("name").asString("")).append('\n');
    }
    return out.toString();
  }
}

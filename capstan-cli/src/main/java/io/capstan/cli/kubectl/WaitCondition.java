package io.capstan.cli.kubectl;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * What {@code kubectl wait --for} waits for: {@code delete}, or {@code condition=TYPE[=STATUS]}
 * (status {@code true} by default; type and status compared ignoring case, as kubectl does). A
 * condition counts only once the controller has observed the object's generation, by the
 * condition's or the status's {@code observedGeneration}.
 */
record WaitCondition(boolean delete, String type, String status) {

  static WaitCondition parse(String spec) {
    String text = spec == null ? "" : spec;
    if (text.equalsIgnoreCase("delete")) {
      return new WaitCondition(true, "", "");
    }
    if (text.toLowerCase(Locale.ROOT).startsWith("condition=")) {
      String rest = text.substring("condition=".length());
      int eq = rest.indexOf('=');
      String type = eq < 0 ? rest : rest.substring(0, eq);
      String status = eq < 0 ? "true" : rest.substring(eq + 1);
      if (!type.isEmpty()) {
        return new WaitCondition(false, type, status);
      }
    }
    throw new KubectlError("error: unrecognized condition: \"" + text + "\"");
  }

  /** Whether {@code object} (read while it still exists) meets the condition. */
  boolean metBy(JsonNode object) {
    if (delete) {
      return false;
    }
    long generation = object.path("metadata").path("generation").asLong(0);
    for (JsonNode c : object.path("status").path("conditions")) {
      if (!c.path("type").asString("").equalsIgnoreCase(type)) {
        continue;
      }
      JsonNode observed = c.has("observedGeneration") ? c.path("observedGeneration")
          : object.path("status").path("observedGeneration");
      if (generation > 0 && observed.isNumber() && observed.asLong() < generation) {
        return false;
      }
      return c.path("status").asString("").equalsIgnoreCase(status);
    }
    return false;
  }
}

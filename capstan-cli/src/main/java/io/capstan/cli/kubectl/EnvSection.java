package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import tools.jackson.databind.JsonNode;

/**
 * {@code describeContainerEnvVars}: literal values (multi-line ones continued under the first),
 * and for references what they point at; a pod's own field references are resolved to values.
 */
final class EnvSection {

  private EnvSection() {}

  static void write(DescribeWriter w, JsonNode env, JsonNode pod) {
    w.write(2, "Environment:%s\n", env.isEmpty() ? "\t<none>" : "");
    for (JsonNode e : env) {
      String name = text(e.path("name"));
      JsonNode from = e.path("valueFrom");
      if (!from.isObject()) {
        String[] lines = text(e.path("value")).split("\n", -1);
        w.write(3, "%s:\t%s\n", name, lines[0]);
        for (int i = 1; i < lines.length; i++) {
          w.write(3, "\t%s\n", lines[i]);
        }
      } else if (from.path("fieldRef").isObject()) {
        JsonNode ref = from.path("fieldRef");
        String value = pod == null ? "" : fieldValue(pod, text(ref.path("fieldPath")));
        w.write(3, "%s:\t%s (%s:%s)\n", name, value, text(ref.path("apiVersion")),
            text(ref.path("fieldPath")));
      } else if (from.path("resourceFieldRef").isObject()) {
        w.write(3, "%s:\t%s (%s)\n", name, "",
            text(from.path("resourceFieldRef").path("resource")));
      } else if (from.path("secretKeyRef").isObject()) {
        JsonNode ref = from.path("secretKeyRef");
        w.write(3, "%s:\t<set to the key '%s' in secret '%s'>\tOptional: %s\n", name,
            text(ref.path("key")), text(ref.path("name")), ref.path("optional").asBoolean(false));
      } else if (from.path("configMapKeyRef").isObject()) {
        JsonNode ref = from.path("configMapKeyRef");
        w.write(3, "%s:\t<set to the key '%s' of config map '%s'>\tOptional: %s\n", name,
            text(ref.path("key")), text(ref.path("name")), ref.path("optional").asBoolean(false));
      }
    }
  }

  /** The downward-API fields kubectl's resolver knows. */
  private static String fieldValue(JsonNode pod, String path) {
    JsonNode meta = pod.path("metadata");
    return switch (path) {
      case "metadata.name" -> text(meta.path("name"));
      case "metadata.namespace" -> text(meta.path("namespace"));
      case "metadata.uid" -> text(meta.path("uid"));
      case "spec.nodeName" -> text(pod.path("spec").path("nodeName"));
      case "spec.serviceAccountName" -> text(pod.path("spec").path("serviceAccountName"));
      case "status.hostIP" -> text(pod.path("status").path("hostIP"));
      case "status.podIP" -> text(pod.path("status").path("podIP"));
      default -> labelOrAnnotation(meta, path);
    };
  }

  private static String labelOrAnnotation(JsonNode meta, String path) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("metadata\\.(labels|annotations)\\['(.*)'\\]").matcher(path);
    return m.matches() ? text(meta.path(m.group(1)).path(m.group(2))) : "";
  }
}

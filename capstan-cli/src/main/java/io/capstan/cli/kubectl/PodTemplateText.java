package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A pod template as {@code kubectl rollout history --revision=N} prints it: kubectl's
 * {@code DescribePodTemplate} written through a prefix writer with raw tabs (no tab writer), for
 * labels, annotations, service account, containers (image, ports, command, args, resources,
 * probes, environment, mounts), volumes, node selectors and tolerations.
 */
final class PodTemplateText {

  private static final int MAX_ANNOTATION = 140;
  private static final String L1 = "  ";
  private static final String L2 = "    ";
  private static final String L3 = "      ";

  private PodTemplateText() {}

  static String describe(JsonNode template) {
    StringBuilder w = new StringBuilder("Pod Template:\n");
    JsonNode metadata = template.path("metadata");
    JsonNode spec = template.path("spec");
    labels(w, "  Labels", metadata.path("labels"));
    if (!metadata.path("annotations").isEmpty()) {
      annotations(w, "  Annotations", metadata.path("annotations"));
    }
    String account = spec.path("serviceAccountName").asString("");
    if (!account.isEmpty()) {
      w.append(L1).append("Service Account:\t").append(account).append('\n');
    }
    if (!spec.path("initContainers").isEmpty()) {
      containers(w, "Init Containers", spec.path("initContainers"));
    }
    containers(w, "Containers", spec.path("containers"));
    volumes(w, spec.path("volumes"));
    String priority = spec.path("priorityClassName").asString("");
    if (!priority.isEmpty()) {
      w.append(L1).append("Priority Class Name:\t").append(priority).append('\n');
    }
    labels(w, "  Node-Selectors", spec.path("nodeSelector"));
    tolerations(w, spec.path("tolerations"));
    return w.toString();
  }

  private static void labels(StringBuilder w, String title, JsonNode labels) {
    w.append(title).append(":\t");
    Map<String, String> sorted = sorted(labels);
    if (sorted.isEmpty()) {
      w.append("<none>\n");
      return;
    }
    boolean first = true;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      w.append(first ? "" : "\t").append(e.getKey()).append('=').append(e.getValue()).append('\n');
      first = false;
    }
  }

  private static void annotations(StringBuilder w, String title, JsonNode annotations) {
    w.append(title).append(":\t");
    Map<String, String> sorted = sorted(annotations);
    sorted.remove("kubectl.kubernetes.io/last-applied-configuration");
    if (sorted.isEmpty()) {
      w.append("<none>\n");
      return;
    }
    boolean first = true;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      w.append(first ? "" : "\t");
      first = false;
      String value = e.getValue().endsWith("\n")
          ? e.getValue().substring(0, e.getValue().length() - 1) : e.getValue();
      if (value.length() + e.getKey().length() + 2 > MAX_ANNOTATION || value.contains("\n")) {
        w.append(e.getKey()).append(":\n");
        for (String line : value.split("\n", -1)) {
          String shown = line.length() > MAX_ANNOTATION - 2
              ? line.substring(0, MAX_ANNOTATION - 2) + "..." : line;
          w.append("\t  ").append(shown).append('\n');
        }
      } else {
        w.append(e.getKey()).append(": ").append(value).append('\n');
      }
    }
  }

  private static void containers(StringBuilder w, String label, JsonNode containers) {
    w.append(L1).append(label).append(':').append(containers.isEmpty() ? " <none>" : "")
        .append('\n');
    for (JsonNode c : containers) {
      w.append(L1).append(' ').append(c.path("name").asString("")).append(":\n");
      w.append(L2).append("Image:\t").append(c.path("image").asString("")).append('\n');
      List<String> ports = new ArrayList<>();
      List<String> hostPorts = new ArrayList<>();
      for (JsonNode p : c.path("ports")) {
        String protocol = p.path("protocol").asString("TCP");
        ports.add(p.path("containerPort").asInt() + "/" + protocol);
        hostPorts.add(p.path("hostPort").asInt(0) + "/" + protocol);
      }
      portLine(w, "Port", ports);
      portLine(w, "Host Port", hostPorts);
      lines(w, "Command", c.path("command"));
      lines(w, "Args", c.path("args"));
      resources(w, "Limits", c.path("resources").path("limits"));
      resources(w, "Requests", c.path("resources").path("requests"));
      probe(w, "Liveness", c.path("livenessProbe"));
      probe(w, "Readiness", c.path("readinessProbe"));
      probe(w, "Startup", c.path("startupProbe"));
      environment(w, c.path("env"));
      mounts(w, c.path("volumeMounts"));
    }
  }

  private static void portLine(StringBuilder w, String title, List<String> ports) {
    String joined = String.join(", ", ports);
    w.append(L2).append(title).append(ports.size() > 1 ? "s" : "").append(":\t")
        .append(joined.isEmpty() ? "<none>" : joined).append('\n');
  }

  private static void lines(StringBuilder w, String title, JsonNode values) {
    if (values.isEmpty()) {
      return;
    }
    w.append(L2).append(title).append(":\n");
    for (JsonNode v : values) {
      for (String line : v.asString("").split("\n", -1)) {
        w.append(L3).append(line).append('\n');
      }
    }
  }

  private static void resources(StringBuilder w, String title, JsonNode quantities) {
    if (quantities.isEmpty()) {
      return;
    }
    w.append(L2).append(title).append(":\n");
    sorted(quantities).forEach((k, v) -> w.append(L3).append(k).append(":\t").append(v)
        .append('\n'));
  }

  private static void probe(StringBuilder w, String title, JsonNode probe) {
    if (!probe.isObject()) {
      return;
    }
    String how;
    if (probe.path("exec").isObject()) {
      List<String> command = new ArrayList<>();
      probe.path("exec").path("command").forEach(c -> command.add(c.asString("")));
      how = "exec [" + String.join(" ", command) + "]";
    } else if (probe.path("httpGet").isObject()) {
      JsonNode get = probe.path("httpGet");
      how = "http-get " + get.path("scheme").asString("HTTP").toLowerCase(java.util.Locale.ROOT)
          + "://" + get.path("host").asString("") + ":" + get.path("port").asString("")
          + get.path("path").asString("");
    } else if (probe.path("tcpSocket").isObject()) {
      how = "tcp-socket " + probe.path("tcpSocket").path("host").asString("") + ":"
          + probe.path("tcpSocket").path("port").asString("");
    } else {
      how = "unknown";
    }
    w.append(L2).append(title).append(":\t").append(how)
        .append(" delay=").append(probe.path("initialDelaySeconds").asInt(0))
        .append("s timeout=").append(probe.path("timeoutSeconds").asInt(1))
        .append("s period=").append(probe.path("periodSeconds").asInt(10))
        .append("s #success=").append(probe.path("successThreshold").asInt(1))
        .append(" #failure=").append(probe.path("failureThreshold").asInt(3)).append('\n');
  }

  private static void environment(StringBuilder w, JsonNode env) {
    w.append(L2).append("Environment:").append(env.isEmpty() ? "\t<none>" : "").append('\n');
    for (JsonNode e : env) {
      String name = e.path("name").asString("");
      JsonNode from = e.path("valueFrom");
      if (!from.isObject()) {
        String[] parts = e.path("value").asString("").split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
          w.append(L3).append(i == 0 ? name + ":\t" : "\t").append(parts[i]).append('\n');
        }
      } else if (from.path("fieldRef").isObject()) {
        w.append(L3).append(name).append(":\t (").append(from.path("fieldRef")
            .path("apiVersion").asString("v1")).append(':')
            .append(from.path("fieldRef").path("fieldPath").asString("")).append(")\n");
      } else if (from.path("resourceFieldRef").isObject()) {
        w.append(L3).append(name).append(":\t (").append(from.path("resourceFieldRef")
            .path("resource").asString("")).append(")\n");
      } else {
        boolean secret = from.path("secretKeyRef").isObject();
        JsonNode ref = secret ? from.path("secretKeyRef") : from.path("configMapKeyRef");
        w.append(L3).append(name).append(":\t<set to the key '").append(ref.path("key")
            .asString("")).append(secret ? "' in secret '" : "' of config map '")
            .append(ref.path("name").asString("")).append("'>\tOptional: ")
            .append(ref.path("optional").asBoolean(false)).append('\n');
      }
    }
  }

  private static void mounts(StringBuilder w, JsonNode mounts) {
    w.append(L2).append("Mounts:").append(mounts.isEmpty() ? "\t<none>" : "").append('\n');
    List<JsonNode> sorted = new ArrayList<>();
    mounts.forEach(sorted::add);
    sorted.sort(java.util.Comparator.comparing(m -> m.path("mountPath").asString("")));
    for (JsonNode m : sorted) {
      String flags = m.path("readOnly").asBoolean(false) ? "ro" : "rw";
      String sub = m.path("subPath").asString("");
      w.append(L3).append(m.path("mountPath").asString("")).append(" from ")
          .append(m.path("name").asString("")).append(" (").append(flags)
          .append(sub.isEmpty() ? "" : ",path=\"" + sub + "\"").append(")\n");
    }
  }

  private static void volumes(StringBuilder w, JsonNode volumes) {
    if (volumes.isEmpty()) {
      w.append(L1).append("Volumes:\t<none>\n");
      return;
    }
    w.append(L1).append("Volumes:\n");
    for (JsonNode v : volumes) {
      w.append(L1).append(' ').append(v.path("name").asString("")).append(":\n");
      if (v.path("emptyDir").isObject()) {
        w.append(L2).append("Type:\tEmptyDir (a temporary directory that shares a pod's "
            + "lifetime)\n");
        w.append(L2).append("Medium:\t").append(v.path("emptyDir").path("medium").asString(""))
            .append('\n');
        String limit = v.path("emptyDir").path("sizeLimit").asString("");
        w.append(L2).append("SizeLimit:\t").append(limit.isEmpty() ? "<unset>" : limit)
            .append('\n');
      } else if (v.path("configMap").isObject()) {
        w.append(L2).append("Type:\tConfigMap (a volume populated by a ConfigMap)\n");
        w.append(L2).append("Name:\t").append(v.path("configMap").path("name").asString(""))
            .append('\n');
        w.append(L2).append("Optional:\t").append(v.path("configMap").path("optional")
            .asBoolean(false)).append('\n');
      } else if (v.path("secret").isObject()) {
        w.append(L2).append("Type:\tSecret (a volume populated by a Secret)\n");
        w.append(L2).append("SecretName:\t").append(v.path("secret").path("secretName")
            .asString("")).append('\n');
        w.append(L2).append("Optional:\t").append(v.path("secret").path("optional")
            .asBoolean(false)).append('\n');
      } else if (v.path("hostPath").isObject()) {
        w.append(L2).append("Type:\tHostPath (bare host directory volume)\n");
        w.append(L2).append("Path:\t").append(v.path("hostPath").path("path").asString(""))
            .append('\n');
        w.append(L2).append("HostPathType:\t").append(v.path("hostPath").path("type")
            .asString("")).append('\n');
      }
    }
  }

  private static void tolerations(StringBuilder w, JsonNode tolerations) {
    w.append("  Tolerations:\t");
    if (tolerations.isEmpty()) {
      w.append("<none>\n");
      return;
    }
    boolean first = true;
    for (JsonNode t : tolerations) {
      w.append(first ? "" : "\t");
      first = false;
      String key = t.path("key").asString("");
      String value = t.path("value").asString("");
      String effect = t.path("effect").asString("");
      w.append(key);
      if (!value.isEmpty()) {
        w.append('=').append(value);
      }
      if (!effect.isEmpty()) {
        w.append(':').append(effect);
      }
      if (t.path("operator").asString("").equals("Exists") && value.isEmpty()) {
        w.append(key.isEmpty() && effect.isEmpty() ? "op=Exists" : " op=Exists");
      }
      if (t.has("tolerationSeconds")) {
        w.append(" for ").append(t.path("tolerationSeconds").asLong()).append('s');
      }
      w.append('\n');
    }
  }

  private static Map<String, String> sorted(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>();
    map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asString("")));
    return sorted;
  }
}

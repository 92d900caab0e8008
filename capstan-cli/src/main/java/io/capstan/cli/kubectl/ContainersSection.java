package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.bool;
import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code describeContainers} and {@code DescribePodTemplate}: each container's image, ports,
 * command, state (for a pod), resources, probes, environment and mounts, then the volumes. A pod
 * template is described with an extra indent and without states.
 */
final class ContainersSection {

  private ContainersSection() {}

  /** {@code DescribePodTemplate}, for Deployments and ReplicaSets. */
  static void template(DescribeWriter w, DescribeContext context, JsonNode template) {
    w.write(0, "Pod Template:\n");
    JsonNode spec = template.path("spec");
    DescribeSections.labels(w, "  ", "Labels", template.path("metadata").path("labels"));
    if (!template.path("metadata").path("annotations").isEmpty()) {
      DescribeSections.annotations(w, "  ", "Annotations",
          template.path("metadata").path("annotations"));
    }
    if (!text(spec.path("serviceAccountName")).isEmpty()) {
      w.write(1, "Service Account:\t%s\n", text(spec.path("serviceAccountName")));
    }
    if (!spec.path("initContainers").isEmpty()) {
      containers(w, context, "Init Containers", spec.path("initContainers"), null, null, "  ");
    }
    containers(w, context, "Containers", spec.path("containers"), null, null, "  ");
    volumes(w, spec.path("volumes"), "  ");
    if (!text(spec.path("priorityClassName")).isEmpty()) {
      w.write(1, "Priority Class Name:\t%s\n", text(spec.path("priorityClassName")));
    }
    DescribeSections.labels(w, "  Node-Selectors", spec.path("nodeSelector"));
    DescribeSections.tolerations(w, "  Tolerations", spec.path("tolerations"));
  }

  /**
   * The containers under {@code label}; {@code statuses} (a pod's) add IDs and states, and
   * {@code pod} resolves field references in the environment.
   */
  static void containers(DescribeWriter w, DescribeContext context, String label, JsonNode containers, JsonNode statuses,
      JsonNode pod, String space) {
    Map<String, JsonNode> byName = new HashMap<>();
    if (statuses != null) {
      statuses.forEach(s -> byName.put(text(s.path("name")), s));
    }
    w.write(0, "%s%s:%s\n", space, label, containers.isEmpty() ? " <none>" : "");
    for (JsonNode c : containers) {
      JsonNode status = byName.get(text(c.path("name")));
      w.write(1, "%s%s:\n", space.isEmpty() ? "" : " ", text(c.path("name")));
      if (status != null) {
        w.write(2, "Container ID:\t%s\n", text(status.path("containerID")));
      }
      w.write(2, "Image:\t%s\n", text(c.path("image")));
      if (status != null) {
        w.write(2, "Image ID:\t%s\n", text(status.path("imageID")));
      }
      ports(w, c.path("ports"));
      if (!text(c.path("restartPolicy")).isEmpty()) {
        w.write(2, "Restart Policy:\t%s\n", text(c.path("restartPolicy")));
      }
      lines(w, "Command", c.path("command"));
      lines(w, "Args", c.path("args"));
      if (status != null) {
        state(w, context, "State", status.path("state"));
        if (status.path("lastState").path("terminated").isObject()) {
          state(w, context, "Last State", status.path("lastState"));
        }
        w.write(2, "Ready:\t%s\n", bool(status.path("ready")));
        w.write(2, "Restart Count:\t%d\n", status.path("restartCount").asLong(0));
      }
      resources(w, "Limits", c.path("resources").path("limits"));
      resources(w, "Requests", c.path("resources").path("requests"));
      probe(w, "Liveness", c.path("livenessProbe"));
      probe(w, "Readiness", c.path("readinessProbe"));
      probe(w, "Startup", c.path("startupProbe"));
      if (!c.path("envFrom").isEmpty()) {
        envFrom(w, c.path("envFrom"));
      }
      EnvSection.write(w, c.path("env"), pod);
      mounts(w, c.path("volumeMounts"));
    }
  }

  private static void ports(DescribeWriter w, JsonNode ports) {
    List<String> container = new ArrayList<>();
    List<String> host = new ArrayList<>();
    for (JsonNode p : ports) {
      String protocol = text(p.path("protocol"));
      container.add(p.path("containerPort").asLong(0) + "/" + protocol);
      host.add(p.path("hostPort").asLong(0) + "/" + protocol);
    }
    String c = String.join(", ", container);
    String h = String.join(", ", host);
    w.write(2, c.contains(",") ? "Ports:\t%s\n" : "Port:\t%s\n", DescribeSections.orNone(c));
    w.write(2, h.contains(",") ? "Host Ports:\t%s\n" : "Host Port:\t%s\n",
        DescribeSections.orNone(h));
  }

  private static void lines(DescribeWriter w, String title, JsonNode items) {
    if (items.isEmpty()) {
      return;
    }
    w.write(2, "%s:\n", title);
    for (JsonNode item : items) {
      for (String s : text(item).split("\n", -1)) {
        w.write(3, "%s\n", s);
      }
    }
  }

  private static void state(DescribeWriter w, DescribeContext time, String name,
      JsonNode state) {
    JsonNode running = state.path("running");
    JsonNode waiting = state.path("waiting");
    JsonNode terminated = state.path("terminated");
    if (running.isObject()) {
      w.write(2, "%s:\tRunning\n", name);
      w.write(3, "Started:\t%s\n", time.time(running.path("startedAt")));
    } else if (waiting.isObject()) {
      w.write(2, "%s:\tWaiting\n", name);
      if (!text(waiting.path("reason")).isEmpty()) {
        w.write(3, "Reason:\t%s\n", text(waiting.path("reason")));
      }
    } else if (terminated.isObject()) {
      w.write(2, "%s:\tTerminated\n", name);
      if (!text(terminated.path("reason")).isEmpty()) {
        w.write(3, "Reason:\t%s\n", text(terminated.path("reason")));
      }
      if (!text(terminated.path("message")).isEmpty()) {
        w.write(3, "Message:\t%s\n", text(terminated.path("message")));
      }
      w.write(3, "Exit Code:\t%d\n", terminated.path("exitCode").asLong(0));
      if (terminated.path("signal").asLong(0) > 0) {
        w.write(3, "Signal:\t%d\n", terminated.path("signal").asLong());
      }
      w.write(3, "Started:\t%s\n", time.time(terminated.path("startedAt")));
      w.write(3, "Finished:\t%s\n", time.time(terminated.path("finishedAt")));
    } else {
      w.write(2, "%s:\tWaiting\n", name);
    }
  }

  private static void resources(DescribeWriter w, String title, JsonNode list) {
    if (list.isEmpty()) {
      return;
    }
    w.write(2, "%s:\n", title);
    TreeMap<String, String> sorted = new TreeMap<>();
    list.properties().forEach(e -> sorted.put(e.getKey(), Quantities.canonical(e.getValue())));
    sorted.forEach((k, v) -> w.write(3, "%s:\t%s\n", k, v));
  }

  /** {@code DescribeProbe}. */
  static void probe(DescribeWriter w, String title, JsonNode probe) {
    if (!probe.isObject()) {
      return;
    }
    String attrs = "delay=%ds timeout=%ds period=%ds #success=%d #failure=%d".formatted(
        probe.path("initialDelaySeconds").asLong(0), probe.path("timeoutSeconds").asLong(0),
        probe.path("periodSeconds").asLong(0), probe.path("successThreshold").asLong(0),
        probe.path("failureThreshold").asLong(0));
    String how;
    if (probe.path("exec").isObject()) {
      List<String> command = new ArrayList<>();
      probe.path("exec").path("command").forEach(s -> command.add(text(s)));
      how = "exec [" + String.join(" ", command) + "]";
    } else if (probe.path("httpGet").isObject()) {
      JsonNode get = probe.path("httpGet");
      String port = get.path("port").isNumber() ? get.path("port").asString()
          : text(get.path("port"));
      String host = text(get.path("host"));
      String authority = port.isEmpty() ? host
          : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      how = "http-get " + text(get.path("scheme")).toLowerCase(java.util.Locale.ROOT) + "://"
          + authority + text(get.path("path"));
    } else if (probe.path("tcpSocket").isObject()) {
      JsonNode tcp = probe.path("tcpSocket");
      how = "tcp-socket " + text(tcp.path("host")) + ":" + tcp.path("port").asString();
    } else if (probe.path("grpc").isObject()) {
      how = "grpc <pod>:" + probe.path("grpc").path("port").asLong() + " "
          + text(probe.path("grpc").path("service"));
    } else {
      how = "unknown";
    }
    w.write(2, "%s:\t%s %s\n", title, how, attrs);
  }

  private static void envFrom(DescribeWriter w, JsonNode envFrom) {
    w.write(2, "Environment Variables from:\n");
    for (JsonNode e : envFrom) {
      boolean secret = e.path("secretRef").isObject();
      JsonNode ref = secret ? e.path("secretRef") : e.path("configMapRef");
      String from = secret ? "Secret" : "ConfigMap";
      boolean optional = ref.path("optional").asBoolean(false);
      String prefix = text(e.path("prefix"));
      if (prefix.isEmpty()) {
        w.write(3, "%s\t%s\tOptional: %s\n", text(ref.path("name")), from, optional);
      } else {
        w.write(3, "%s\t%s with prefix '%s'\tOptional: %s\n", text(ref.path("name")), from,
            prefix, optional);
      }
    }
  }

  private static void mounts(DescribeWriter w, JsonNode mounts) {
    w.write(2, "Mounts:%s\n", mounts.isEmpty() ? "\t<none>" : "");
    List<JsonNode> sorted = new ArrayList<>();
    mounts.forEach(sorted::add);
    sorted.sort(Comparator.comparing(m -> text(m.path("mountPath"))));
    for (JsonNode m : sorted) {
      List<String> flags = new ArrayList<>();
      flags.add(m.path("readOnly").asBoolean(false) ? "ro" : "rw");
      if (!text(m.path("subPath")).isEmpty()) {
        flags.add("path=\"" + text(m.path("subPath")) + "\"");
      }
      w.write(3, "%s from %s (%s)\n", text(m.path("mountPath")), text(m.path("name")),
          String.join(",", flags));
    }
  }

  /** {@code describeVolumes}. */
  static void volumes(DescribeWriter w, JsonNode volumes, String space) {
    if (volumes.isEmpty()) {
      w.write(0, "%sVolumes:\t<none>\n", space);
      return;
    }
    w.write(0, "%sVolumes:\n", space);
    for (JsonNode v : volumes) {
      w.write(1, "%s%s:\n", space.isEmpty() ? "" : " ", text(v.path("name")));
      VolumeSources.write(w, v);
    }
  }
}

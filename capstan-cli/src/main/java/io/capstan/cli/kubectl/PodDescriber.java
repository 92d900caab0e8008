package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import tools.jackson.databind.JsonNode;

/** kubectl's {@code PodDescriber}: node, status, IPs, containers with states, conditions. */
final class PodDescriber implements Describer {

  @Override
  public String describe(JsonNode pod, DescribeSource source, DescribeContext context) {
    JsonNode meta = pod.path("metadata");
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", text(meta.path("namespace")));
    if (spec.path("priority").isNumber()) {
      w.write(0, "Priority:\t%d\n", spec.path("priority").asLong());
    }
    if (!text(spec.path("priorityClassName")).isEmpty()) {
      w.write(0, "Priority Class Name:\t%s\n", text(spec.path("priorityClassName")));
    }
    if (!text(spec.path("runtimeClassName")).isEmpty()) {
      w.write(0, "Runtime Class Name:\t%s\n", text(spec.path("runtimeClassName")));
    }
    if (!text(spec.path("serviceAccountName")).isEmpty()) {
      w.write(0, "Service Account:\t%s\n", text(spec.path("serviceAccountName")));
    }
    String node = text(spec.path("nodeName"));
    w.write(0, "Node:\t%s\n", node.isEmpty() ? "<none>"
        : node + "/" + text(status.path("hostIP")));
    if (!text(status.path("startTime")).isEmpty()) {
      w.write(0, "Start Time:\t%s\n", context.time(status.path("startTime")));
    }
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    String phase = text(status.path("phase"));
    if (!text(meta.path("deletionTimestamp")).isEmpty() && !phase.equals("Failed")
        && !phase.equals("Succeeded")) {
      w.write(0, "Status:\tTerminating (lasts %s)\n", context.age(meta.path("deletionTimestamp")));
      w.write(0, "Termination Grace Period:\t%ds\n",
          meta.path("deletionGracePeriodSeconds").asLong(0));
    } else {
      w.write(0, "Status:\t%s\n", phase);
    }
    if (!text(status.path("reason")).isEmpty()) {
      w.write(0, "Reason:\t%s\n", text(status.path("reason")));
    }
    if (!text(status.path("message")).isEmpty()) {
      w.write(0, "Message:\t%s\n", text(status.path("message")));
    }
    w.write(0, "IP:\t%s\n", text(status.path("podIP")));
    if (status.path("podIPs").isEmpty()) {
      w.write(0, "IPs:\t<none>\n");
    } else {
      w.write(0, "IPs:\n");
      status.path("podIPs").forEach(ip -> w.write(0, "  IP:\t%s\n", text(ip.path("ip"))));
    }
    DescribeSections.controller(pod).ifPresent(c -> w.write(0, "Controlled By:\t%s\n", c));
    if (!text(status.path("nominatedNodeName")).isEmpty()) {
      w.write(0, "NominatedNodeName:\t%s\n", text(status.path("nominatedNodeName")));
    }
    if (!spec.path("initContainers").isEmpty()) {
      ContainersSection.containers(w, context, "Init Containers", spec.path("initContainers"),
          status.path("initContainerStatuses"), pod, "");
    }
    ContainersSection.containers(w, context, "Containers", spec.path("containers"),
        status.path("containerStatuses"), pod, "");
    if (!status.path("conditions").isEmpty()) {
      w.write(0, "Conditions:\n  Type\tStatus\n");
      for (JsonNode c : status.path("conditions")) {
        w.write(1, "%s \t%s \n", text(c.path("type")), text(c.path("status")));
      }
    }
    ContainersSection.volumes(w, spec.path("volumes"), "");
    w.write(0, "QoS Class:\t%s\n", qosClass(pod));
    DescribeSections.labels(w, "Node-Selectors", spec.path("nodeSelector"));
    DescribeSections.tolerations(w, "Tolerations", spec.path("tolerations"));
    EventsSection.write(w, EventQuery.about(pod, "Pod", source), context);
    return w.render();
  }

  /** The status's QoS class, or the one the kubelet would compute. */
  static String qosClass(JsonNode pod) {
    String recorded = text(pod.path("status").path("qosClass"));
    if (!recorded.isEmpty()) {
      return recorded;
    }
    boolean any = false;
    boolean guaranteed = true;
    for (JsonNode c : pod.path("spec").path("containers")) {
      JsonNode requests = c.path("resources").path("requests");
      JsonNode limits = c.path("resources").path("limits");
      any |= !requests.isEmpty() || !limits.isEmpty();
      for (String r : new String[] {"cpu", "memory"}) {
        JsonNode limit = limits.path(r);
        JsonNode request = requests.path(r).isMissingNode() ? limit : requests.path(r);
        guaranteed &= !limit.isMissingNode()
            && Quantities.parse(limit).sameValue(Quantities.parse(request));
      }
    }
    return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }
}

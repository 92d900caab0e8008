package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code ServiceDescriber}: addresses, ports, and for each port its endpoints as the
 * Service's EndpointSlices list them (ready ones only, at most three then {@code + N more...}).
 */
final class ServiceDescriber implements Describer {

  private static final int MAX_ENDPOINTS = 3;

  @Override
  public String describe(JsonNode svc, DescribeSource source, DescribeContext context) {
    JsonNode meta = svc.path("metadata");
    JsonNode spec = svc.path("spec");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", text(meta.path("namespace")));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    w.write(0, "Selector:\t%s\n", DescribeSections.formatLabels(spec.path("selector")));
    w.write(0, "Type:\t%s\n", text(spec.path("type")));
    if (!text(spec.path("ipFamilyPolicy")).isEmpty()) {
      w.write(0, "IP Family Policy:\t%s\n", text(spec.path("ipFamilyPolicy")));
    }
    w.write(0, "IP Families:\t%s\n", DescribeSections.orNone(joined(spec.path("ipFamilies"))));
    w.write(0, "IP:\t%s\n", text(spec.path("clusterIP")));
    w.write(0, "IPs:\t%s\n", DescribeSections.orNone(joined(spec.path("clusterIPs"))));
    if (!spec.path("externalIPs").isEmpty()) {
      w.write(0, "External IPs:\t%s\n", joined(spec.path("externalIPs")));
    }
    if (!text(spec.path("loadBalancerIP")).isEmpty()) {
      w.write(0, "LoadBalancer IP:\t%s\n", text(spec.path("loadBalancerIP")));
    }
    if (!text(spec.path("externalName")).isEmpty()) {
      w.write(0, "External Name:\t%s\n", text(spec.path("externalName")));
    }
    List<JsonNode> slices = source.list(DescribeSource.withLabels("/apis/discovery.k8s.io/v1/"
        + "namespaces/" + text(meta.path("namespace")) + "/endpointslices",
        "kubernetes.io/service-name=" + text(meta.path("name")))).stream()
        .filter(s -> text(s.path("metadata").path("labels").path("kubernetes.io/service-name"))
            .equals(text(meta.path("name"))))
        .toList();
    for (JsonNode port : spec.path("ports")) {
      String name = text(port.path("name"));
      String label = name.isEmpty() ? "<unset>" : name;
      String protocol = text(port.path("protocol"));
      w.write(0, "Port:\t%s\t%d/%s\n", label, port.path("port").asLong(), protocol);
      w.write(0, "TargetPort:\t%s/%s\n", port.path("targetPort").asString(), protocol);
      if (port.path("nodePort").asLong(0) != 0) {
        w.write(0, "NodePort:\t%s\t%d/%s\n", label, port.path("nodePort").asLong(), protocol);
      }
      w.write(0, "Endpoints:\t%s\n", endpoints(slices, name));
    }
    w.write(0, "Session Affinity:\t%s\n", text(spec.path("sessionAffinity")));
    if (!text(spec.path("externalTrafficPolicy")).isEmpty()) {
      w.write(0, "External Traffic Policy:\t%s\n", text(spec.path("externalTrafficPolicy")));
    }
    if (!text(spec.path("internalTrafficPolicy")).isEmpty()) {
      w.write(0, "Internal Traffic Policy:\t%s\n", text(spec.path("internalTrafficPolicy")));
    }
    if (spec.path("healthCheckNodePort").asLong(0) != 0) {
      w.write(0, "HealthCheck NodePort:\t%d\n", spec.path("healthCheckNodePort").asLong());
    }
    EventsSection.write(w, EventQuery.about(svc, "Service", source), context);
    return w.render();
  }

  private static String joined(JsonNode items) {
    List<String> parts = new ArrayList<>();
    items.forEach(i -> parts.add(text(i)));
    return String.join(",", parts);
  }

  /** {@code formatEndpointSlices} for the port named {@code portName}. */
  static String endpoints(List<JsonNode> slices, String portName) {
    if (slices.isEmpty()) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    boolean more = false;
    int count = 0;
    for (JsonNode slice : slices) {
      if (slice.path("ports").isEmpty()) {
        for (JsonNode e : slice.path("endpoints")) {
          more |= list.size() == MAX_ENDPOINTS;
          if (!ready(e)) {
            continue;
          }
          if (!more) {
            list.add(text(e.path("addresses").path(0)));
          }
          count++;
        }
        continue;
      }
      for (JsonNode port : slice.path("ports")) {
        if (!text(port.path("name")).equals(portName)) {
          continue;
        }
        for (JsonNode e : slice.path("endpoints")) {
          more |= list.size() == MAX_ENDPOINTS;
          if (!ready(e)) {
            continue;
          }
          if (!more) {
            String address = text(e.path("addresses").path(0));
            list.add((address.contains(":") ? "[" + address + "]" : address) + ":"
                + port.path("port").asLong());
          }
          count++;
        }
      }
    }
    String joined = String.join(",", list);
    return more ? joined + " + " + (count - MAX_ENDPOINTS) + " more..." : joined;
  }

  private static boolean ready(JsonNode endpoint) {
    JsonNode ready = endpoint.path("conditions").path("ready");
    return !ready.isBoolean() || ready.asBoolean();
  }
}

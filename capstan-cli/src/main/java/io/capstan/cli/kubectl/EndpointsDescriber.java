package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** kubectl's {@code EndpointsDescriber}: each subset's ready and not-ready addresses and ports. */
final class EndpointsDescriber implements Describer {

  @Override
  public String describe(JsonNode ep, DescribeSource source, DescribeContext context) {
    JsonNode meta = ep.path("metadata");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", text(meta.path("namespace")));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    w.write(0, "Subsets:\n");
    for (JsonNode subset : ep.path("subsets")) {
      w.write(1, "Addresses:\t%s\n", ips(subset.path("addresses")));
      w.write(1, "NotReadyAddresses:\t%s\n", ips(subset.path("notReadyAddresses")));
      if (!subset.path("ports").isEmpty()) {
        w.write(1, "Ports:\n");
        w.write(2, "Name\tPort\tProtocol\n");
        w.write(2, "----\t----\t--------\n");
        for (JsonNode port : subset.path("ports")) {
          String name = text(port.path("name"));
          w.write(2, "%s\t%d\t%s\n", name.isEmpty() ? "<unset>" : name,
              port.path("port").asLong(), text(port.path("protocol")));
        }
      }
      w.write(0, "\n");
    }
    EventsSection.write(w, EventQuery.about(ep, "Endpoints", source), context);
    return w.render();
  }

  private static String ips(JsonNode addresses) {
    List<String> ips = new ArrayList<>();
    addresses.forEach(a -> ips.add(text(a.path("ip"))));
    return DescribeSections.orNone(String.join(",", ips));
  }
}

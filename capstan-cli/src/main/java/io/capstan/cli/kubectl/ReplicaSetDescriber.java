package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** kubectl's {@code ReplicaSetDescriber}: replicas, its pods by phase, the template, events. */
final class ReplicaSetDescriber implements Describer {

  @Override
  public String describe(JsonNode rs, DescribeSource source, DescribeContext context) {
    JsonNode meta = rs.path("metadata");
    JsonNode spec = rs.path("spec");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", text(meta.path("namespace")));
    String selector = DescribeSections.selector(spec.path("selector"));
    w.write(0, "Selector:\t%s\n", DescribeSections.orNone(selector));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    DescribeSections.controller(rs).ifPresent(c -> w.write(0, "Controlled By:\t%s\n", c));
    w.write(0, "Replicas:\t%d current / %d desired\n",
        rs.path("status").path("replicas").asLong(0), spec.path("replicas").asLong(1));
    List<JsonNode> pods = source.list(DescribeSource.withLabels(
        "/api/v1/namespaces/" + text(meta.path("namespace")) + "/pods", selector)).stream()
        .filter(p -> DescribeSections.controllerUid(p).equals(text(meta.path("uid"))))
        .toList();
    w.write(0, "Pods Status:\t%d Running / %d Waiting / %d Succeeded / %d Failed\n",
        phase(pods, "Running"), phase(pods, "Pending"), phase(pods, "Succeeded"),
        phase(pods, "Failed"));
    ContainersSection.template(w, context, spec.path("template"));
    if (!rs.path("status").path("conditions").isEmpty()) {
      w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
      w.write(1, "----\t------\t------\n");
      for (JsonNode c : rs.path("status").path("conditions")) {
        w.write(1, "%s \t%s\t%s\n", text(c.path("type")), text(c.path("status")),
            text(c.path("reason")));
      }
    }
    EventsSection.write(w, EventQuery.about(rs, "ReplicaSet", source), context);
    return w.render();
  }

  private static long phase(List<JsonNode> pods, String phase) {
    return pods.stream().filter(p -> text(p.path("status").path("phase")).equals(phase)).count();
  }
}

package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kubectl's {@code DeploymentDescriber}: replicas, strategy, pod template, conditions, and the
 * old (even scaled to zero, as kubectl 1.32 lists them) and new ReplicaSets found as the
 * deployment controller finds them (owned by the
 * Deployment; the new one has the Deployment's template, ignoring the pod-template-hash label).
 */
final class DeploymentDescriber implements Describer {

  private static final String HASH = "pod-template-hash";

  @Override
  public String describe(JsonNode d, DescribeSource source, DescribeContext context) {
    JsonNode meta = d.path("metadata");
    JsonNode spec = d.path("spec");
    JsonNode status = d.path("status");
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", text(meta.path("name")));
    w.write(0, "Namespace:\t%s\n", text(meta.path("namespace")));
    w.write(0, "CreationTimestamp:\t%s\n", context.time(meta.path("creationTimestamp")));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    String selector = DescribeSections.selector(spec.path("selector"));
    w.write(0, "Selector:\t%s\n", selector);
    w.write(0, "Replicas:\t%d desired | %d updated | %d total | %d available | %d unavailable\n",
        spec.path("replicas").asLong(1), status.path("updatedReplicas").asLong(0),
        status.path("replicas").asLong(0), status.path("availableReplicas").asLong(0),
        status.path("unavailableReplicas").asLong(0));
    w.write(0, "StrategyType:\t%s\n", text(spec.path("strategy").path("type")));
    w.write(0, "MinReadySeconds:\t%d\n", spec.path("minReadySeconds").asLong(0));
    JsonNode rolling = spec.path("strategy").path("rollingUpdate");
    if (rolling.isObject()) {
      w.write(0, "RollingUpdateStrategy:\t%s max unavailable, %s max surge\n",
          intOrString(rolling.path("maxUnavailable")), intOrString(rolling.path("maxSurge")));
    }
    ContainersSection.template(w, context, spec.path("template"));
    if (!status.path("conditions").isEmpty()) {
      w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
      w.write(1, "----\t------\t------\n");
      for (JsonNode c : status.path("conditions")) {
        w.write(1, "%s \t%s\t%s\n", text(c.path("type")), text(c.path("status")),
            text(c.path("reason")));
      }
    }
    List<JsonNode> owned = owned(d, source, selector);
    Optional<JsonNode> newest = newReplicaSet(d, owned);
    List<JsonNode> old = owned.stream()
        .filter(rs -> newest.map(n -> !uid(n).equals(uid(rs))).orElse(true))
        .toList();
    w.write(0, "OldReplicaSets:\t%s\n", replicaSets(old));
    w.write(0, "NewReplicaSet:\t%s\n", replicaSets(newest.stream().toList()));
    EventsSection.write(w, EventQuery.about(d, "Deployment", source), context);
    return w.render();
  }

  /** {@code IntOrString.String()}; unset reads as {@code 0}. */
  private static String intOrString(JsonNode v) {
    return v.isMissingNode() || v.isNull() ? "0" : v.asString();
  }

  private static List<JsonNode> owned(JsonNode d, DescribeSource source, String selector) {
    String path = "/apis/apps/v1/namespaces/" + text(d.path("metadata").path("namespace"))
        + "/replicasets";
    String owner = uid(d);
    return source.list(DescribeSource.withLabels(path, selector)).stream()
        .filter(rs -> DescribeSections.controllerUid(rs).equals(owner))
        .toList();
  }

  /** The oldest owned ReplicaSet whose template is the Deployment's. */
  static Optional<JsonNode> newReplicaSet(JsonNode d, List<JsonNode> owned) {
    JsonNode wanted = withoutHash(d.path("spec").path("template"));
    List<JsonNode> sorted = new ArrayList<>(owned);
    sorted.sort(Comparator.comparing(rs -> DescribeContext
        .instant(rs.path("metadata").path("creationTimestamp")).orElse(Instant.MIN)));
    return sorted.stream()
        .filter(rs -> withoutHash(rs.path("spec").path("template")).equals(wanted))
        .findFirst();
  }

  private static JsonNode withoutHash(JsonNode template) {
    JsonNode copy = template.deepCopy();
    if (copy.path("metadata").path("labels") instanceof ObjectNode labels) {
      labels.remove(HASH);
      if (labels.isEmpty()) {
        ((ObjectNode) copy.path("metadata")).remove("labels");
      }
    }
    if (copy.path("metadata") instanceof ObjectNode m) {
      m.remove("creationTimestamp");
      if (m.isEmpty()) {
        ((ObjectNode) copy).remove("metadata");
      }
    }
    return copy;
  }

  private static String uid(JsonNode o) {
    return text(o.path("metadata").path("uid"));
  }

  /** {@code printReplicaSetsByLabels}. */
  private static String replicaSets(List<JsonNode> sets) {
    if (sets.isEmpty()) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode rs : sets) {
      parts.add("%s (%d/%d replicas created)".formatted(text(rs.path("metadata").path("name")),
          rs.path("status").path("replicas").asLong(0), rs.path("spec").path("replicas")
              .asLong(1)));
    }
    return String.join(", ", parts);
  }
}

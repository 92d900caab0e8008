package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE
 * READINESS GATES. The STATUS and RESTARTS logic lives in {@link PodStatusSummary}.
 */
final class PodPrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Ready", "string",
          "The aggregate readiness state of this pod for accepting traffic."),
      TableColumn.of("Status", "string", "The aggregate status of the containers in this pod."),
      TableColumn.of("Restarts", "string", "The number of times the containers in this pod have"
          + " been restarted and when the last container in this pod has restarted."),
      TableColumn.age(),
      TableColumn.wide("IP", "string", ColumnDescriptions.POD_IP),
      TableColumn.wide("Node", "string", ColumnDescriptions.POD_NODE_NAME),
      TableColumn.wide("Nominated Node", "string", ColumnDescriptions.POD_NOMINATED_NODE_NAME),
      TableColumn.wide("Readiness Gates", "string", ColumnDescriptions.POD_READINESS_GATES));

  private static final List<TableRowCondition> SUCCEEDED = List.of(new TableRowCondition(
      "Completed", "True", "Succeeded", "The pod has completed successfully."));
  private static final List<TableRowCondition> FAILED = List.of(new TableRowCondition(
      "Completed", "True", "Failed", "The pod failed."));

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode pod, Instant now) {
    PodStatusSummary summary = PodStatusSummary.of(pod);
    String restarts = Long.toString(summary.restarts());
    if (summary.restarts() != 0 && summary.lastRestart().isPresent()) {
      restarts += " (" + HumanDuration.since(summary.lastRestart(), now) + " ago)";
    }
    return List.of(
        ObjectCells.name(pod),
        summary.readyContainers() + "/" + summary.totalContainers(),
        summary.reason(),
        restarts,
        ObjectCells.age(pod, now),
        orNone(podIp(pod)),
        orNone(Tree.text(pod, "spec", "nodeName")),
        orNone(Tree.text(pod, "status", "nominatedNodeName")),
        readinessGates(pod));
  }

  @Override
  public List<TableRowCondition> conditions(ObjectNode pod) {
    return switch (Tree.text(pod, "status", "phase")) {
      case "Succeeded" -> SUCCEEDED;
      case "Failed" -> FAILED;
      default -> List.of();
    };
  }

  /** The internal API keeps only {@code podIPs}; v1's {@code podIP} is its first entry. */
  private static String podIp(JsonNode pod) {
    List<JsonNode> ips = Tree.list(pod, "status", "podIPs");
    if (!ips.isEmpty()) {
      return Tree.text(ips.getFirst(), "ip");
    }
    return Tree.text(pod, "status", "podIP");
  }

  /** {@code true/total} over the readiness gates, or {@code <none>} when the pod has none. */
  private static String readinessGates(JsonNode pod) {
    List<JsonNode> gates = Tree.list(pod, "spec", "readinessGates");
    if (gates.isEmpty()) {
      return "<none>";
    }
    Map<String, String> firstStatusByType = new HashMap<>();
    for (JsonNode condition : Tree.list(pod, "status", "conditions")) {
      firstStatusByType.putIfAbsent(Tree.text(condition, "type"), Tree.text(condition, "status"));
    }
    long trueConditions = gates.stream()
        .map(gate -> firstStatusByType.get(Tree.text(gate, "conditionType")))
        .filter("True"::equals)
        .count();
    return trueConditions + "/" + gates.size();
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "<none>" : value;
  }
}

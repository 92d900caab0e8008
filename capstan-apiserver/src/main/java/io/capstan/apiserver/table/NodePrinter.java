package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME.
 */
final class NodePrinter implements TablePrinter {

  private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
  private static final String ROLE_LABEL = "kubernetes.io/role";

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Status", "string", "The status of the node"),
      TableColumn.of("Roles", "string", "The roles of the node"),
      TableColumn.age(),
      TableColumn.of("Version", "string", ColumnDescriptions.NODE_KUBELET_VERSION),
      TableColumn.wide("Internal-IP", "string", ColumnDescriptions.NODE_ADDRESSES),
      TableColumn.wide("External-IP", "string", ColumnDescriptions.NODE_ADDRESSES),
      TableColumn.wide("OS-Image", "string", ColumnDescriptions.NODE_OS_IMAGE),
      TableColumn.wide("Kernel-Version", "string", ColumnDescriptions.NODE_KERNEL_VERSION),
      TableColumn.wide("Container-Runtime", "string",
          ColumnDescriptions.NODE_CONTAINER_RUNTIME_VERSION));

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode node, Instant now) {
    JsonNode info = Tree.at(node, "status", "nodeInfo");
    return List.of(
        ObjectCells.name(node),
        status(node),
        roles(node),
        ObjectCells.age(node, now),
        Tree.text(info, "kubeletVersion"),
        address(node, "InternalIP"),
        address(node, "ExternalIP"),
        orUnknown(Tree.text(info, "osImage")),
        orUnknown(Tree.text(info, "kernelVersion")),
        orUnknown(Tree.text(info, "containerRuntimeVersion")));
  }

  /**
   * {@code Ready} or {@code NotReady} from the last Ready condition ({@code Unknown} without
   * one), then {@code SchedulingDisabled} for a cordoned node.
   */
  private static String status(JsonNode node) {
    List<String> status = new ArrayList<>();
    JsonNode ready = null;
    for (JsonNode condition : Tree.list(node, "status", "conditions")) {
      if (Tree.text(condition, "type").equals("Ready")) {
        ready = condition;
      }
    }
    if (ready != null) {
      status.add(Tree.text(ready, "status").equals("True") ? "Ready" : "NotReady");
    } else {
      status.add("Unknown");
    }
    if (Tree.bool(node, "spec", "unschedulable")) {
      status.add("SchedulingDisabled");
    }
    return String.join(",", status);
  }

  /** Sorted roles from {@code node-role.kubernetes.io/<role>} and {@code kubernetes.io/role}. */
  private static String roles(JsonNode node) {
    TreeSet<String> roles = new TreeSet<>();
    for (Map.Entry<String, String> label : Tree.stringMap(node, "metadata", "labels").entrySet()) {
      String key = label.getKey();
      if (key.startsWith(ROLE_LABEL_PREFIX)) {
        String role = key.substring(ROLE_LABEL_PREFIX.length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (key.equals(ROLE_LABEL) && !label.getValue().isEmpty()) {
        roles.add(label.getValue());
      }
    }
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  /** The first address of the type, or {@code <none>}. */
  private static String address(JsonNode node, String type) {
    for (JsonNode address : Tree.list(node, "status", "addresses")) {
      if (Tree.text(address, "type").equals(type)) {
        return Tree.text(address, "address");
      }
    }
    return "<none>";
  }

  private static String orUnknown(String value) {
    return value.isEmpty() ? HumanDuration.UNKNOWN : value;
  }
}

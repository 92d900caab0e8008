package io.capstan.apiserver.table;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.selection.LabelSelector;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get replicasets}: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES
 * SELECTOR.
 */
final class ReplicaSetPrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Desired", "integer", ColumnDescriptions.REPLICA_SET_SPEC_REPLICAS),
      TableColumn.of("Current", "integer", ColumnDescriptions.REPLICA_SET_STATUS_REPLICAS),
      TableColumn.of("Ready", "integer", ColumnDescriptions.REPLICA_SET_STATUS_READY_REPLICAS),
      TableColumn.age(),
      TableColumn.wide("Containers", "string", "Names of each container in the template."),
      TableColumn.wide("Images", "string", "Images referenced by each container in the template."),
      TableColumn.wide("Selector", "string", ColumnDescriptions.REPLICA_SET_SPEC_SELECTOR));

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode replicaSet, Instant now) {
    ObjectCells.Containers containers = ObjectCells.containers(
        Tree.at(replicaSet, "spec", "template", "spec"));
    return List.of(
        ObjectCells.name(replicaSet),
        Tree.integer(replicaSet, "spec", "replicas"),
        Tree.integer(replicaSet, "status", "replicas"),
        Tree.integer(replicaSet, "status", "readyReplicas"),
        ObjectCells.age(replicaSet, now),
        containers.names(),
        containers.images(),
        selector(replicaSet));
  }

  /** {@code metav1.FormatLabelSelector}: {@code <none>} when empty, {@code <error>} if invalid. */
  private static String selector(ObjectNode replicaSet) {
    try {
      String selector = LabelSelector.fromJson(Tree.at(replicaSet, "spec", "selector")).toString();
      return selector.isEmpty() ? "<none>" : selector;
    } catch (ApiException invalid) {
      return "<error>";
    }
  }
}

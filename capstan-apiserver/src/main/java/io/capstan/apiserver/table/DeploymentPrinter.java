package io.capstan.apiserver.table;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.selection.LabelSelector;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get deployments}: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES
 * SELECTOR. READY is {@code ready/desired}.
 */
final class DeploymentPrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Ready", "string", "Number of the pod with ready state"),
      TableColumn.of("Up-to-date", "string", ColumnDescriptions.DEPLOYMENT_STATUS_UPDATED_REPLICAS),
      TableColumn.of("Available", "string",
          ColumnDescriptions.DEPLOYMENT_STATUS_AVAILABLE_REPLICAS),
      TableColumn.age(),
      TableColumn.wide("Containers", "string", "Names of each container in the template."),
      TableColumn.wide("Images", "string", "Images referenced by each container in the template."),
      TableColumn.wide("Selector", "string", ColumnDescriptions.DEPLOYMENT_SPEC_SELECTOR));

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode deployment, Instant now) {
    ObjectCells.Containers containers = ObjectCells.containers(
        Tree.at(deployment, "spec", "template", "spec"));
    return List.of(
        ObjectCells.name(deployment),
        Tree.integer(deployment, "status", "readyReplicas") + "/"
            + Tree.integer(deployment, "spec", "replicas"),
        Tree.integer(deployment, "status", "updatedReplicas"),
        Tree.integer(deployment, "status", "availableReplicas"),
        ObjectCells.age(deployment, now),
        containers.names(),
        containers.images(),
        selector(deployment));
  }

  /** The selector's canonical string; unlike other printers an empty one stays empty. */
  private static String selector(ObjectNode deployment) {
    try {
      return LabelSelector.fromJson(Tree.at(deployment, "spec", "selector")).toString();
    } catch (ApiException invalid) {
      return "<invalid>";
    }
  }
}

package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get poddisruptionbudgets}: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED
 * DISRUPTIONS AGE; an unset bound shows as {@code N/A}.
 */
final class PodDisruptionBudgetPrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Min Available", "string",
          "The minimum number of pods that must be available."),
      TableColumn.of("Max Unavailable", "string",
          "The maximum number of pods that may be unavailable."),
      TableColumn.of("Allowed Disruptions", "integer",
          "Calculated number of pods that may be disrupted at this time."),
      TableColumn.age());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode pdb, Instant now) {
    return List.of(
        ObjectCells.name(pdb),
        bound(Tree.at(pdb, "spec", "minAvailable")),
        bound(Tree.at(pdb, "spec", "maxUnavailable")),
        Tree.integer(pdb, "status", "disruptionsAllowed"),
        ObjectCells.age(pdb, now));
  }

  /** An IntOrString as its {@code String()}: {@code 2}, {@code 50%}. */
  private static String bound(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "N/A";
    }
    return value.isNumber() ? Long.toString(value.asLong()) : value.asString();
  }
}

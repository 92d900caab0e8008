package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get namespaces}: NAME STATUS AGE. */
final class NamespacePrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Status", "string", "The status of the namespace"),
      TableColumn.age());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode namespace, Instant now) {
    return List.of(
        ObjectCells.name(namespace),
        Tree.text(namespace, "status", "phase"),
        ObjectCells.age(namespace, now));
  }
}

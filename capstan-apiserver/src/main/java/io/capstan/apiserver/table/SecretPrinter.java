package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get secrets}: NAME TYPE DATA AGE. */
final class SecretPrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Type", "string", ColumnDescriptions.SECRET_TYPE),
      TableColumn.of("Data", "string", ColumnDescriptions.SECRET_DATA),
      TableColumn.age());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode secret, Instant now) {
    return List.of(
        ObjectCells.name(secret),
        Tree.text(secret, "type"),
        (long) Tree.size(secret, "data"),
        ObjectCells.age(secret, now));
  }
}

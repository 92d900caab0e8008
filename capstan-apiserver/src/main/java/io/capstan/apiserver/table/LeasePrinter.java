package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get leases}: NAME HOLDER AGE. */
final class LeasePrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Holder", "string", ColumnDescriptions.LEASE_HOLDER_IDENTITY),
      TableColumn.age());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode lease, Instant now) {
    return List.of(
        ObjectCells.name(lease),
        Tree.text(lease, "spec", "holderIdentity"),
        ObjectCells.age(lease, now));
  }
}

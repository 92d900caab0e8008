package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get serviceaccounts}: NAME SECRETS AGE. */
final class ServiceAccountPrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Secrets", "string", ColumnDescriptions.SERVICE_ACCOUNT_SECRETS),
      TableColumn.age());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode account, Instant now) {
    return List.of(
        ObjectCells.name(account),
        (long) Tree.size(account, "secrets"),
        ObjectCells.age(account, now));
  }
}

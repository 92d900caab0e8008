package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get configmaps}: NAME DATA AGE, where DATA counts text and binary keys. */
final class ConfigMapPrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Data", "string", ColumnDescriptions.CONFIG_MAP_DATA),
      TableColumn.age());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode configMap, Instant now) {
    long keys = Tree.size(configMap, "data") + Tree.size(configMap, "binaryData");
    return List.of(ObjectCells.name(configMap), keys, ObjectCells.age(configMap, now));
  }
}

package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

public final class TablePrinters {
  private TablePrinters() {}

  public static TablePrinter forKind(String group, String kind) {
    return new TablePrinter() {
      @Override
      public List<TableColumn> columns() {
        return List.of(TableColumn.of("Name", "string", "Name"));
      }

      @Override
      public List<Object> cells(ObjectNode object, Instant now) {
        return List.of(object.path("metadata").path("name").asString(""));
      }
    };
  }
}

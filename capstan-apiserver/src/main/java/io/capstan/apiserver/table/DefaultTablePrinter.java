package io.capstan.apiserver.table;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's default table convertor, for kinds without a printer of their own: NAME and
 * {@code Created At}, the creation time in RFC 3339 (UTC, whole seconds). kubectl shows the
 * latter as an AGE because the column's type is {@code date}.
 */
final class DefaultTablePrinter implements TablePrinter {

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** Go formats an unset time as its zero value. */
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Created At", "date", ColumnDescriptions.CREATION_TIMESTAMP));

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode object, Instant now) {
    String created = Tree.time(object, "metadata", "creationTimestamp")
        .map(RFC3339::format)
        .orElse(ZERO_TIME);
    return List.of(ObjectCells.name(object), created);
  }
}

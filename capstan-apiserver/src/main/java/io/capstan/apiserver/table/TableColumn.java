package io.capstan.apiserver.table;

/**
 * A column of a Table response, as {@code meta.k8s.io/v1 TableColumnDefinition}. Priority 0
 * columns are shown by {@code kubectl get}; priority 1 only with {@code -o wide}.
 */
public record TableColumn(String name, String type, String format, String description, int priority) {

  public static TableColumn of(String name, String type, String description) {
    return new TableColumn(name, type, "", description, 0);
  }

  public static TableColumn wide(String name, String type, String description) {
    return new TableColumn(name, type, "", description, 1);
  }

  /** The object's name column every built-in printer starts with (format {@code name}). */
  public static TableColumn objectName() {
    return new TableColumn("Name", "string", "name", ColumnDescriptions.NAME, 0);
  }

  /** The AGE column: a string cell holding a {@link HumanDuration}. */
  public static TableColumn age() {
    return of("Age", "string", ColumnDescriptions.CREATION_TIMESTAMP);
  }
}

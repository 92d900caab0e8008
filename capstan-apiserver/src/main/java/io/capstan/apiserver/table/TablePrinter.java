package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns objects of one kind into the rows {@code kubectl get} shows for real Kubernetes.
 *
 * <p>Like the API server, a printer always produces the wide form: one cell per column, priority
 * 1 columns included; {@code kubectl get} hides those unless asked for {@code -o wide}.
 */
public interface TablePrinter {

  List<TableColumn> columns();

  /** One cell per column: String, Long/Integer, Boolean or Double. {@code now} dates AGE. */
  List<Object> cells(ObjectNode object, Instant now);

  /** Conditions of the row (only pods have any: a finished pod is {@code Completed}). */
  default List<TableRowCondition> conditions(ObjectNode object) {
    return List.of();
  }
}

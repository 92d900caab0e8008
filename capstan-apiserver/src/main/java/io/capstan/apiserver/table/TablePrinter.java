package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Turns objects of one kind into the rows {@code kubectl get} shows for real Kubernetes. */
public interface TablePrinter {

  List<TableColumn> columns();

  /** One cell per column: String, Long/Integer, Boolean or Double. {@code now} dates AGE. */
  List<Object> cells(ObjectNode object, Instant now);
}

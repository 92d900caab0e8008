package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get -w}: after the list, a watch from the list's resourceVersion asking for Tables (as
 * kubectl does, {@code ?watch=true&resourceVersion=RV} with the Table Accept header), one row
 * printed per event, columns kept aligned with what was printed before (widths only grow, like
 * kubectl's tab writer). Ends when the server ends the watch or at {@code --request-timeout}.
 */
final class TableWatch {

  private final Cluster cluster;
  private final TableFormatter formatter;
  private final PrintWriter out;
  private int[] widths = new int[0];
  private boolean headerPrinted;
  private JsonNode definitions;

  TableWatch(Cluster cluster, TableFormatter formatter, PrintWriter out) {
    this.cluster = cluster;
    this.formatter = formatter;
    this.out = out;
  }

  /** Prints the listed table, unless {@code watchOnly}: header and rows. */
  void printList(JsonNode table, boolean watchOnly) {
    if (!table.path("columnDefinitions").isEmpty()) {
      definitions = table.path("columnDefinitions");
    }
    if (watchOnly || TableFormatter.rowCount(List.of(table)) == 0) {
      return;
    }
    print(table);
  }

  /**
   * Watches {@code collectionPath} (its query holds the selectors, may be empty) from
   * {@code resourceVersion}, printing each event's rows until the watch ends or the deadline.
   */
  void watch(String collectionPath, String query, String resourceVersion,
      Optional<Duration> timeout) throws InterruptedException {
    new WatchStream(cluster, Cluster.TABLE).run(collectionPath, query, resourceVersion, timeout,
        this::handle);
  }

  private void handle(JsonNode object) {
    if ("Table".equals(object.path("kind").asString(""))) {
      print(object);
    }
  }

  private void print(JsonNode received) {
    // Servers send column definitions with the first Table of a watch only.
    JsonNode table = received;
    if (received.path("columnDefinitions").isEmpty() && definitions != null) {
      ObjectNode copy = ((ObjectNode) received).deepCopy();
      copy.set("columnDefinitions", definitions);
      table = copy;
    } else {
      definitions = received.path("columnDefinitions");
    }
    Columns columns = new Columns();
    if (!headerPrinted && !formatter.noHeaders()) {
      columns.add(formatter.header(table));
    }
    headerPrinted = true;
    formatter.rows(List.of(table)).forEach(columns::add);
    widths = columns.widen(widths);
    out.print(columns.render(widths));
    out.flush();
  }
}

package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get endpoints}: NAME ENDPOINTS AGE. */
final class EndpointsPrinter implements TablePrinter {

  /** At most this many addresses are listed; the rest are counted ({@code + 7 more...}). */
  private static final int SHOWN = 3;

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Endpoints", "string", ColumnDescriptions.ENDPOINTS_SUBSETS),
      TableColumn.age());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode endpoints, Instant now) {
    return List.of(
        ObjectCells.name(endpoints),
        formatEndpoints(Tree.list(endpoints, "subsets")),
        ObjectCells.age(endpoints, now));
  }

  /**
   * {@code formatEndpoints}: every ready address with every port of its subset
   * ({@code 10.0.0.1:80}), bare addresses for a subset without ports, {@code <none>} without
   * subsets. Not-ready addresses are not shown.
   */
  static String formatEndpoints(List<JsonNode> subsets) {
    if (subsets.isEmpty()) {
      return "<none>";
    }
    List<String> shown = new ArrayList<>();
    long count = 0;
    boolean more = false;
    for (JsonNode subset : subsets) {
      List<JsonNode> addresses = Tree.list(subset, "addresses");
      List<JsonNode> ports = Tree.list(subset, "ports");
      if (ports.isEmpty()) {
        count += addresses.size();
        for (JsonNode address : addresses) {
          if (shown.size() == SHOWN) {
            more = true;
            break;
          }
          shown.add(Tree.text(address, "ip"));
        }
        continue;
      }
      for (JsonNode port : ports) {
        count += addresses.size();
        for (JsonNode address : addresses) {
          if (shown.size() == SHOWN) {
            more = true;
            break;
          }
          shown.add(joinHostPort(Tree.text(address, "ip"), Tree.integer(port, "port")));
        }
      }
    }
    String joined = String.join(",", shown);
    return more ? joined + " + " + (count - SHOWN) + " more..." : joined;
  }

  /** Go's {@code net.JoinHostPort}: IPv6 addresses are bracketed. */
  private static String joinHostPort(String host, long port) {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}

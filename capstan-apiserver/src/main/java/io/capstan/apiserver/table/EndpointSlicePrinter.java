package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get endpointslices}: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
final class EndpointSlicePrinter implements TablePrinter {

  private static final int SHOWN = 3;

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("AddressType", "string", ColumnDescriptions.ENDPOINT_SLICE_ADDRESS_TYPE),
      TableColumn.of("Ports", "string", ColumnDescriptions.ENDPOINT_SLICE_PORTS),
      TableColumn.of("Endpoints", "string", ColumnDescriptions.ENDPOINT_SLICE_ENDPOINTS),
      TableColumn.age());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode slice, Instant now) {
    return List.of(
        ObjectCells.name(slice),
        Tree.text(slice, "addressType"),
        ports(Tree.list(slice, "ports")),
        endpoints(Tree.list(slice, "endpoints")),
        ObjectCells.age(slice, now));
  }

  /** {@code formatDiscoveryPorts}: the number, else the name, else {@code *} (all ports). */
  private static String ports(List<JsonNode> ports) {
    List<String> entries = new ArrayList<>();
    for (JsonNode port : ports) {
      if (Tree.present(port, "port")) {
        entries.add(Long.toString(Tree.integer(port, "port")));
      } else if (Tree.present(port, "name")) {
        entries.add(Tree.text(port, "name"));
      } else {
        entries.add("*");
      }
    }
    return ObjectCells.listWithMore(entries, SHOWN);
  }

  /** {@code formatDiscoveryEndpoints}: every address of every endpoint, ready or not. */
  private static String endpoints(List<JsonNode> endpoints) {
    List<String> addresses = new ArrayList<>();
    for (JsonNode endpoint : endpoints) {
      for (JsonNode address : Tree.list(endpoint, "addresses")) {
        addresses.add(address.isString() ? address.asString() : "");
      }
    }
    return ObjectCells.listWithMore(addresses, SHOWN);
  }
}

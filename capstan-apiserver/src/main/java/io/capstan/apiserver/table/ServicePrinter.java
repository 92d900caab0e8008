package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get services}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
final class ServicePrinter implements TablePrinter {

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.objectName(),
      TableColumn.of("Type", "string", ColumnDescriptions.SERVICE_TYPE),
      TableColumn.of("Cluster-IP", "string", ColumnDescriptions.SERVICE_CLUSTER_IP),
      TableColumn.of("External-IP", "string", ColumnDescriptions.SERVICE_EXTERNAL_IPS),
      TableColumn.of("Port(s)", "string", ColumnDescriptions.SERVICE_PORTS),
      TableColumn.age(),
      TableColumn.wide("Selector", "string", ColumnDescriptions.SERVICE_SELECTOR));

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode service, Instant now) {
    String ports = portsCell(Tree.list(service, "spec", "ports"));
    return List.of(
        ObjectCells.name(service),
        Tree.text(service, "spec", "type"),
        clusterIp(service),
        externalIp(service),
        ports.isEmpty() ? "<none>" : ports,
        ObjectCells.age(service, now),
        ObjectCells.formatLabels(Tree.stringMap(service, "spec", "selector")));
  }

  /** The internal API keeps only {@code clusterIPs}; v1's {@code clusterIP} is its first entry. */
  private static String clusterIp(JsonNode service) {
    List<JsonNode> ips = Tree.list(service, "spec", "clusterIPs");
    String ip = ips.isEmpty() ? Tree.text(service, "spec", "clusterIP") : ips.getFirst().asString();
    return ip.isEmpty() ? "<none>" : ip;
  }

  /**
   * {@code getServiceExternalIP} in its wide form (the server always prints wide, so load
   * balancer addresses are never clipped): external IPs for ClusterIP and NodePort, the load
   * balancer's ingress addresses (sorted, unique) then external IPs for LoadBalancer,
   * {@code <pending>} while it has none, and the DNS name for ExternalName.
   */
  private static String externalIp(JsonNode service) {
    List<String> externalIps = texts(Tree.list(service, "spec", "externalIPs"));
    switch (Tree.text(service, "spec", "type")) {
      case "ClusterIP", "NodePort" -> {
        return externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
      }
      case "LoadBalancer" -> {
        TreeSet<String> ingress = new TreeSet<>();
        for (JsonNode entry : Tree.list(service, "status", "loadBalancer", "ingress")) {
          String ip = Tree.text(entry, "ip");
          String hostname = Tree.text(entry, "hostname");
          if (!ip.isEmpty()) {
            ingress.add(ip);
          } else if (!hostname.isEmpty()) {
            ingress.add(hostname);
          }
        }
        List<String> all = new ArrayList<>(ingress);
        all.addAll(externalIps);
        return all.isEmpty() ? "<pending>" : String.join(",", all);
      }
      case "ExternalName" -> {
        return Tree.text(service, "spec", "externalName");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  /** {@code makePortString}: {@code port/PROTO} or {@code port:nodePort/PROTO}, comma-joined. */
  private static String portsCell(List<JsonNode> ports) {
    StringJoiner joined = new StringJoiner(",");
    for (JsonNode port : ports) {
      long nodePort = Tree.integer(port, "nodePort");
      String protocol = Tree.text(port, "protocol");
      long number = Tree.integer(port, "port");
      joined.add(nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol);
    }
    return joined.toString();
  }

  private static List<String> texts(List<JsonNode> nodes) {
    return nodes.stream().map(node -> node.isString() ? node.asString() : "").toList();
  }
}

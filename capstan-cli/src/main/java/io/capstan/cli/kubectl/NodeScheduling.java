package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * What {@code cordon}, {@code uncordon} and {@code drain} share: each node named (or selected
 * with {@code -l}) is marked (un)schedulable with a strategic merge patch, unless it already is,
 * and reported as kubectl reports it ({@code node/x cordoned}, {@code node/x already cordoned}).
 */
final class NodeScheduling {

  private NodeScheduling() {}

  static int run(CommandSpec spec, List<String> names, String selector, boolean cordon)
      throws Exception {
    return KubectlCommand.run(spec, () -> {
      requireNodes(names, selector, cordon ? "cordon" : "uncordon");
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        PrintWriter out = spec.commandLine().getOut();
        mark(cluster, out, resolve(cluster, names, selector), cordon);
        out.flush();
        return 0;
      }
    });
  }

  static void requireNodes(List<String> names, String selector, String verb) {
    if (names.isEmpty() && selector == null) {
      throw new KubectlError("error: USAGE: " + verb + " NODE [flags]\nSee 'capstan kubectl "
          + verb + " -h' for help and examples");
    }
  }

  /** The nodes selected by {@code selector} and then those named, as the server has them. */
  static List<JsonNode> resolve(Cluster cluster, List<String> names, String selector) {
    List<JsonNode> nodes = new ArrayList<>();
    if (selector != null) {
      Cluster.Reply list = cluster.get(DescribeSource.withLabels("/api/v1/nodes", selector),
          Cluster.JSON);
      if (!list.ok()) {
        throw new KubectlError(ServerErrors.describe(list));
      }
      Json.MAPPER.readTree(list.body()).path("items").forEach(nodes::add);
    }
    for (String name : names) {
      Cluster.Reply reply = cluster.get("/api/v1/nodes/" + name, Cluster.JSON);
      if (!reply.ok()) {
        throw new KubectlError(ServerErrors.describe(reply));
      }
      nodes.add(Json.MAPPER.readTree(reply.body()));
    }
    return nodes;
  }

  /** Marks each node (un)schedulable unless it already is, printing kubectl's line for it. */
  static void mark(Cluster cluster, PrintWriter out, List<JsonNode> nodes, boolean cordon) {
    mark(cluster, out, nodes, cordon, DryRun.NONE);
  }

  /** As {@link #mark}, sending nothing (client) or with {@code dryRun=All} (server). */
  static void mark(Cluster cluster, PrintWriter out, List<JsonNode> nodes, boolean cordon,
      DryRun dryRun) {
    String verb = cordon ? "cordoned" : "uncordoned";
    for (JsonNode node : nodes) {
      String name = node.path("metadata").path("name").asString();
      if (node.path("spec").path("unschedulable").asBoolean(false) == cordon) {
        out.println("node/" + name + " already " + verb + dryRun.suffix());
        continue;
      }
      if (dryRun != DryRun.CLIENT) {
        Cluster.Reply patched = cluster.send("PATCH", "/api/v1/nodes/" + name + dryRun.query(),
            "application/strategic-merge-patch+json",
            "{\"spec\":{\"unschedulable\":" + (cordon ? "true" : "null") + "}}", Cluster.JSON);
        if (!patched.ok()) {
          throw new KubectlError(ServerErrors.describe(patched));
        }
      }
      out.println("node/" + name + " " + verb + dryRun.suffix());
    }
  }
}

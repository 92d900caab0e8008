package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl cluster-info}: where the control plane runs, the cluster services of
 * kube-system (those labelled {@code kubernetes.io/cluster-service=true}) with their proxy URLs,
 * and kubectl's hint line.
 */
@Command(name = "cluster-info", description = "Display cluster information.")
final class ClusterInfoCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        Cluster.Reply reply = cluster.get(DescribeSource.withLabels(
            "/api/v1/namespaces/kube-system/services", "kubernetes.io/cluster-service=true"),
            Cluster.JSON);
        if (!reply.ok()) {
          throw new KubectlError(ServerErrors.describe(reply));
        }
        String base = cluster.masterUrl().replaceAll("/+$", "");
        PrintWriter out = spec.commandLine().getOut();
        out.println("Kubernetes control plane is running at " + base);
        for (JsonNode svc : Json.MAPPER.readTree(reply.body()).path("items")) {
          String name = svc.path("metadata").path("labels")
              .path("kubernetes.io/name").asString(svc.path("metadata").path("name").asString());
          out.println(name + " is running at " + base + "/api/v1/namespaces/kube-system/services/"
              + svc.path("metadata").path("name").asString() + "/proxy");
        }
        out.println();
        out.println("To further debug and diagnose cluster problems, use 'kubectl cluster-info "
            + "dump'.");
        out.flush();
        return 0;
      }
    });
  }
}

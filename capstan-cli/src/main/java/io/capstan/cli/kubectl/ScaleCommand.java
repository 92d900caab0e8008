package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl scale TYPE NAME --replicas=N}: through the {@code scale} subresource; with
 * {@code --current-replicas} only when the count is still the expected one, by a PUT carrying the
 * resourceVersion read, so a concurrent change is a conflict rather than lost.
 */
@Command(name = "scale", description = "Set a new size for a deployment, replica set or stateful set.")
final class ScaleCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Option(names = "--replicas", description = "The new number of replicas.")
  Integer replicas;

  @Option(names = "--current-replicas", description = "Precondition: the current count.")
  int currentReplicas = -1;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (replicas == null) {
        throw new KubectlError("error: required flag(s) \"replicas\" not set");
      }
      if (replicas < 0) {
        throw new KubectlError("error: The --replicas=COUNT flag is required, and COUNT must be "
            + "greater than or equal to 0");
      }
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        ResourceArgs parsed = ResourceArgs.parse(args, ResourceCatalog.discover(cluster),
            cluster.namespace());
        if (parsed.named().isEmpty()) {
          throw new KubectlError("error: resource(s) were provided, but no name was specified");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ObjectRef ref : parsed.named()) {
          scale(cluster, ref);
          out.println(ref.display() + " scaled");
          out.flush();
        }
        return 0;
      }
    });
  }

  private void scale(Cluster cluster, ObjectRef ref) {
    Cluster.Reply object = cluster.get(ref.path(), Cluster.JSON);
    if (object.code() == 404) {
      String described = ServerErrors.describe(object);
      throw new KubectlError("error: no objects passed to scale "
          + described.substring(described.indexOf(": ") + 2));
    }
    Cluster.Reply read = cluster.get(ref.path("scale"), Cluster.JSON);
    if (!read.ok()) {
      throw new KubectlError(ServerErrors.describe(read));
    }
    JsonNode scale = Json.MAPPER.readTree(read.body());
    Cluster.Reply written;
    if (currentReplicas >= 0) {
      int actual = scale.path("spec").path("replicas").asInt(0);
      if (actual != currentReplicas) {
        throw new KubectlError("error: Expected replicas to be " + currentReplicas + ", was "
            + actual);
      }
      tools.jackson.databind.node.ObjectNode update = ((tools.jackson.databind.node.ObjectNode) scale).deepCopy();
      ((tools.jackson.databind.node.ObjectNode) update.path("spec")).put("replicas", replicas);
      written = cluster.send("PUT", ref.path("scale"), Cluster.JSON,
          Json.MAPPER.writeValueAsString(update), Cluster.JSON);
    } else {
      written = cluster.send("PATCH", ref.path("scale"), "application/merge-patch+json",
          "{\"spec\":{\"replicas\":" + replicas + "}}", Cluster.JSON);
    }
    if (!written.ok()) {
      throw new KubectlError(ServerErrors.describe(written));
    }
  }
}

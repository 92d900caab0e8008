package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code capstan kubectl set image|env}: each changes the pod spec of the named objects on a copy
 * and sends the difference as a strategic-merge patch; an object left as it was is skipped
 * silently, as kubectl does.
 */
@Command(name = "set", description = "Set specific features on objects.",
    subcommands = {SetImageCommand.class, SetEnvCommand.class})
final class SetCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * Applies {@code edit} (which changes the pod spec of a copy of the object and may print
   * warnings) to each of {@code objects}, and prints {@code KIND/NAME <done>} for each changed.
   */
  static int update(CommandLine.Model.CommandSpec spec, List<String> objects, String done,
      BiFunction<ObjectRef, ObjectNode, Boolean> edit) {
    try (Cluster cluster = ClusterOptions.of(spec).connect()) {
      ResourceArgs parsed = ResourceArgs.parse(objects, ResourceCatalog.discover(cluster),
          cluster.namespace());
      if (parsed.named().isEmpty()) {
        throw new KubectlError("error: one or more resources must be specified as <resource> "
            + "<name> or <resource>/<name>");
      }
      PrintWriter out = spec.commandLine().getOut();
      for (ObjectRef ref : parsed.named()) {
        Cluster.Reply live = cluster.get(ref.path(), Cluster.JSON);
        if (!live.ok()) {
          throw new KubectlError(ServerErrors.describe(live));
        }
        JsonNode current = Json.MAPPER.readTree(live.body());
        ObjectNode modified = ((ObjectNode) current).deepCopy();
        ObjectNode podSpec = PodTemplates.podSpec(modified).orElseThrow(() -> new KubectlError(
            "error: " + ref.type().qualifiedKind() + "/" + ref.name()
                + " does not have a pod template"));
        if (!edit.apply(ref, podSpec)) {
          continue;
        }
        ObjectNode patch = ThreeWayPatch.compute(ref.type().kind(), current, modified, current);
        if (patch.isEmpty()) {
          continue;
        }
        Cluster.Reply reply = cluster.send("PATCH", ref.path(), ApplyCommand.STRATEGIC,
            Json.MAPPER.writeValueAsString(patch), Cluster.JSON);
        if (!reply.ok()) {
          throw new KubectlError(ServerErrors.describe(reply));
        }
        out.println(ref.display() + " " + done);
        out.flush();
      }
      return 0;
    }
  }
}

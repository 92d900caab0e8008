package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code capstan kubectl edit TYPE NAME}: the object as YAML in the user's editor
 * ({@link EditorSession}); what changed is sent as a strategic-merge patch computed between the
 * object as shown and as saved, so fields changed meanwhile by others are kept.
 */
@Command(name = "edit", description = "Edit a resource on the server.")
final class EditCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        ResourceArgs parsed = ResourceArgs.parse(args, ResourceCatalog.discover(cluster),
            cluster.namespace());
        if (parsed.named().isEmpty()) {
          throw new KubectlError("error: You must provide one or more resources by argument or "
              + "filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   "
              + "'--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        }
        for (ObjectRef ref : parsed.named()) {
          edit(cluster, ref);
        }
        return 0;
      }
    });
  }

  private void edit(Cluster cluster, ObjectRef ref) {
    Cluster.Reply live = cluster.get(ref.path(), Cluster.JSON);
    if (!live.ok()) {
      throw new KubectlError(ServerErrors.describe(live));
    }
    JsonNode original = Json.MAPPER.readTree(live.body());
    String shown = GoYaml.write(original);
    String saved = EditorSession.withoutComments(EditorSession.edit(
        EditorSession.HEADER + shown, System.getenv()));
    PrintWriter err = spec.commandLine().getErr();
    if (saved.isEmpty()) {
      err.println("Edit cancelled, saved file was empty.");
      err.flush();
      return;
    }
    if (saved.equals(EditorSession.withoutComments(shown))) {
      err.println("Edit cancelled, no changes made.");
      err.flush();
      return;
    }
    JsonNode edited;
    try {
      edited = Json.YAML.readTree(saved);
    } catch (JacksonException e) {
      throw new KubectlError("error: " + e.getOriginalMessage());
    }
    if (!(edited instanceof ObjectNode)) {
      throw new KubectlError("error: the edited file is not an object");
    }
    ObjectNode patch = ThreeWayPatch.compute(ref.type().kind(), original, edited, original);
    if (patch.isEmpty()) {
      err.println("Edit cancelled, no changes made.");
      err.flush();
      return;
    }
    Cluster.Reply reply = cluster.send("PATCH", ref.path(), ApplyCommand.STRATEGIC,
        Json.MAPPER.writeValueAsString(patch), Cluster.JSON);
    if (reply.code() == 422) {
      throw new KubectlError("error: " + ref.type().qualifiedName() + " \"" + ref.name()
          + "\" is invalid\nA copy of your changes has been stored to \"" + keep(saved)
          + "\"\nerror: Edit cancelled, no valid changes were saved.");
    }
    if (!reply.ok()) {
      throw new KubectlError("error: " + ref.type().qualifiedName() + " \"" + ref.name()
          + "\" could not be patched: " + ServerErrors.describe(reply));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(ref.display() + " edited");
    out.flush();
  }

  /** Saves the rejected edit where the user can find it again, as kubectl does. */
  private static String keep(String text) {
    try {
      java.nio.file.Path copy = java.nio.file.Files.createTempFile("kubectl-edit-", ".yaml");
      java.nio.file.Files.writeString(copy, text);
      return copy.toString();
    } catch (java.io.IOException e) {
      throw new KubectlError("error: " + e.getMessage());
    }
  }
}

package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]}: sends the patch
 * (JSON or YAML) as is, and says {@code patched}, or {@code patched (no change)} when the object
 * came back as it was.
 */
@Command(name = "patch", description = "Update fields of a resource.")
final class PatchCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Option(names = {"-p", "--patch"}, description = "The patch, JSON or YAML.")
  String patch;

  @Option(names = "--patch-file", description = "A file holding the patch.")
  String patchFile;

  @Option(names = "--type", description = "strategic, merge or json.")
  String type = "strategic";

  @Option(names = {"-o", "--output"}, description = "name: print only the object names.")
  String output = "";

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      String contentType = switch (type) {
        case "strategic" -> ApplyCommand.STRATEGIC;
        case "merge" -> "application/merge-patch+json";
        case "json" -> "application/json-patch+json";
        default -> throw new KubectlError("error: --type must be one of [json merge strategic], "
            + "not \"" + type + "\"");
      };
      String body = body();
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        ResourceArgs parsed = ResourceArgs.parse(args, ResourceCatalog.discover(cluster),
            cluster.namespace());
        if (parsed.named().isEmpty()) {
          throw new KubectlError("error: you must specify a type and name");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ObjectRef ref : parsed.named()) {
          Cluster.Reply before = cluster.get(ref.path(), Cluster.JSON);
          if (!before.ok()) {
            throw new KubectlError(ServerErrors.describe(before));
          }
          Cluster.Reply after = cluster.send("PATCH", ref.path(), contentType, body,
              Cluster.JSON);
          if (!after.ok()) {
            throw new KubectlError(ServerErrors.describe(after));
          }
          boolean changed = !JsonEquality.same(Json.MAPPER.readTree(before.body()),
              Json.MAPPER.readTree(after.body()));
          out.println(output.equals("name") ? ref.display()
              : ref.display() + (changed ? " patched" : " patched (no change)"));
          out.flush();
        }
        return 0;
      }
    });
  }

  /** The patch as JSON: kubectl turns a YAML patch into JSON before sending it. */
  private String body() {
    String text = patch;
    if (patchFile != null) {
      try {
        text = Files.readString(Path.of(patchFile));
      } catch (IOException e) {
        throw new KubectlError("error: unable to read patch file: open " + patchFile
            + ": no such file or directory");
      }
    }
    if (text == null) {
      throw new KubectlError("error: must specify --patch or --patch-file containing the "
          + "contents of the patch");
    }
    try {
      JsonNode parsed = Json.YAML.readTree(text);
      return Json.MAPPER.writeValueAsString(parsed);
    } catch (JacksonException e) {
      return text;
    }
  }
}

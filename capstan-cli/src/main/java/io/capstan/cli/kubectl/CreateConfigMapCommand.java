package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code capstan kubectl create configmap NAME --from-literal|--from-file|--from-env-file}. */
@Command(name = "configmap", aliases = "cm",
    description = "Create a config map from a local file, directory or literal value.")
final class CreateConfigMapCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME")
  String name;

  @Option(names = "--from-literal", description = "key=value")
  List<String> literals = new ArrayList<>();

  @Option(names = "--from-file", description = "[key=]path, a file or directory")
  List<String> files = new ArrayList<>();

  @Option(names = "--from-env-file", description = "A file of KEY=value lines.")
  List<String> envFiles = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (name == null) {
        throw new KubectlError("error: exactly one NAME is required, got 0\n"
            + "See 'kubectl create configmap -h' for help and examples");
      }
      ObjectNode cm = Json.object();
      cm.put("apiVersion", "v1");
      cm.put("kind", "ConfigMap");
      cm.putObject("metadata").put("name", name);
      ObjectNode data = Json.object();
      ConfigMapSources.read(literals, files, envFiles, System.getenv()).forEach(data::put);
      if (!data.isEmpty()) {
        cm.set("data", data);
      }
      return CreateCommand.createGenerated(spec, "configmaps", cm, "configmap");
    });
  }
}

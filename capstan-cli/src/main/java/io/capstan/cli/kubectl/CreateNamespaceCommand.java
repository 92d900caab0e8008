package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code capstan kubectl create namespace NAME}. */
@Command(name = "namespace", aliases = "ns", description = "Create a namespace with the specified name.")
final class CreateNamespaceCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (name == null) {
        throw new KubectlError("error: exactly one NAME is required, got 0\n"
            + "See 'kubectl create namespace -h' for help and examples");
      }
      ObjectNode ns = Json.object();
      ns.put("apiVersion", "v1");
      ns.put("kind", "Namespace");
      ns.putObject("metadata").put("name", name);
      return CreateCommand.createGenerated(spec, "namespaces", ns, null);
    });
  }
}

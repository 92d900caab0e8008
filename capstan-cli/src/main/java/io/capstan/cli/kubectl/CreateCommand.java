package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code capstan kubectl create -f}: POSTs each object of the manifests; an object that exists
 * already is kubectl's "AlreadyExists" error, reported after the others were created. The
 * generators ({@code create deployment}, {@code create configmap}, {@code create namespace}) are
 * its subcommands.
 */
@Command(name = "create", description = "Create a resource from a file or from stdin.",
    subcommands = {CreateDeploymentCommand.class, CreateConfigMapCommand.class,
        CreateNamespaceCommand.class})
final class CreateCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManifestWrites files;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> files.writeEach(spec, "create", "creating", "created",
        (cluster, ref, body) -> cluster.send("POST",
            ref.type().collectionPath(ref.namespace()), Cluster.JSON, body, Cluster.JSON)));
  }

  /**
   * POSTs an object a generator built and prints {@code KIND/NAME created}; a failure is
   * kubectl's {@code error: failed to create KIND: ...} when {@code noun} is given, else the
   * server's error as it is.
   */
  static int createGenerated(CommandLine.Model.CommandSpec spec, String resource,
      tools.jackson.databind.node.ObjectNode object, String noun) {
    try (Cluster cluster = ClusterOptions.of(spec).connect()) {
      ApiResource type = ResourceCatalog.discover(cluster).resolve(resource);
      String namespace = type.namespaced() ? cluster.namespace() : null;
      if (namespace != null) {
        ((tools.jackson.databind.node.ObjectNode) object.get("metadata"))
            .put("namespace", namespace);
      }
      Cluster.Reply reply = cluster.send("POST", type.collectionPath(namespace), Cluster.JSON,
          Json.MAPPER.writeValueAsString(object), Cluster.JSON);
      if (!reply.ok()) {
        String described = ServerErrors.describe(reply);
        throw new KubectlError(noun == null ? described : "error: failed to create " + noun
            + ": " + described.substring(described.indexOf(": ") + 2));
      }
      ObjectRef ref = new ObjectRef(type, namespace,
          object.path("metadata").path("name").asString());
      PrintWriter out = spec.commandLine().getOut();
      out.println(ref.display() + " created");
      out.flush();
      return 0;
    }
  }
}

package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  @Option(names = {"-f", "--filename"}, description = "Files, directories or - for stdin.")
  List<String> filenames = new ArrayList<>();

  @Option(names = {"-R", "--recursive"}, description = "Process directories recursively.")
  boolean recursive;

  @Option(names = {"-o", "--output"}, description = "name: print only the object names.")
  String output = "";

  @Option(names = "--save-config", description = "Record the last-applied configuration.")
  boolean saveConfig;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      List<ManifestFiles.Manifest> manifests = ManifestFiles.read("create", filenames, recursive,
          System.in);
      ClusterOptions options = ClusterOptions.of(spec);
      try (Cluster cluster = options.connect()) {
        ResourceCatalog catalog = ResourceCatalog.discover(cluster);
        PrintWriter out = spec.commandLine().getOut();
        List<String> errors = new ArrayList<>();
        for (ManifestFiles.Manifest manifest : manifests) {
          ManifestTarget target = ManifestTarget.of(manifest, catalog, cluster.namespace(),
              options.namespaceGiven());
          ObjectRef ref = target.ref();
          Object body = saveConfig ? LastApplied.annotate(target.object()) : target.object();
          Cluster.Reply reply = cluster.send("POST", ref.type().collectionPath(ref.namespace()),
              Cluster.JSON, Json.MAPPER.writeValueAsString(body), Cluster.JSON);
          if (!reply.ok()) {
            errors.add(WriteErrors.when("creating", target.source(), reply));
            continue;
          }
          out.println(output.equals("name") ? ref.display() : ref.display() + " created");
          out.flush();
        }
        PrintWriter err = spec.commandLine().getErr();
        errors.forEach(err::println);
        err.flush();
        return errors.isEmpty() ? 0 : 1;
      }
    });
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

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
 * {@code capstan kubectl replace -f}: PUTs each object of the manifests as it is written, so a
 * stale or missing resourceVersion is the server's to judge, as with kubectl.
 */
@Command(name = "replace", description = "Replace a resource by file name or stdin.")
final class ReplaceCommand implements Callable<Integer> {

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
      List<ManifestFiles.Manifest> manifests = ManifestFiles.read("replace", filenames,
          recursive, System.in);
      ClusterOptions options = ClusterOptions.of(spec);
      try (Cluster cluster = options.connect()) {
        ResourceCatalog catalog = ResourceCatalog.discover(cluster);
        PrintWriter out = spec.commandLine().getOut();
        List<String> errors = new ArrayList<>();
        for (ManifestFiles.Manifest manifest : manifests) {
          ManifestTarget target = ManifestTarget.of(manifest, catalog, cluster.namespace(),
              options.namespaceGiven());
          Object body = saveConfig ? LastApplied.annotate(target.object()) : target.object();
          Cluster.Reply reply = cluster.send("PUT", target.ref().path(), Cluster.JSON,
              Json.MAPPER.writeValueAsString(body), Cluster.JSON);
          if (!reply.ok()) {
            errors.add(WriteErrors.when("replacing", target.source(), reply));
            continue;
          }
          out.println(output.equals("name") ? target.ref().display()
              : target.ref().display() + " replaced");
          out.flush();
        }
        PrintWriter err = spec.commandLine().getErr();
        errors.forEach(err::println);
        err.flush();
        return errors.isEmpty() ? 0 : 1;
      }
    });
  }
}

package io.capstan.cli.kubectl;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code capstan kubectl replace -f}: PUTs each object of the manifests as it is written, so a
 * stale or missing resourceVersion is the server's to judge, as with kubectl.
 */
@Command(name = "replace", description = "Replace a resource by file name or stdin.")
final class ReplaceCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ManifestWrites files;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> files.writeEach(spec, "replace", "replacing",
        "replaced", (cluster, ref, body) -> cluster.send("PUT", ref.path(), Cluster.JSON, body,
            Cluster.JSON)));
  }
}

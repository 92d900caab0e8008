package io.capstan.cli.kubectl;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code capstan kubectl version}: the client's and the server's version, as kubectl prints them. */
@Command(name = "version", description = "Print the client and server version information.")
final class VersionCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--client", description = "Print the client version only.")
  boolean clientOnly;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Client Version: " + ApiServer.KUBERNETES_VERSION + "+capstan");
    out.flush();
    if (clientOnly) {
      return 0;
    }
    return KubectlCommand.run(spec, () -> {
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        Cluster.Reply reply = cluster.get("/version", Cluster.JSON);
        if (!reply.ok()) {
          throw new KubectlError(ServerErrors.describe(reply));
        }
        out.println("Server Version: "
            + Json.MAPPER.readTree(reply.body()).path("gitVersion").asString());
        out.flush();
        return 0;
      }
    });
  }
}

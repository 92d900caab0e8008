package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code rollout history deployment/web [--revision=N]}: kubectl's table of revisions and change
 * causes, or one revision's pod template.
 */
@Command(name = "history", description = "View rollout history.")
final class RolloutHistoryCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Option(names = "--revision", description = "See the details of this revision.")
  long revision;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        RolloutTarget target = RolloutTarget.resolve(cluster, args, ref ->
            "error: no history viewer has been implemented for \""
                + RolloutTarget.groupKind(ref) + "\"");
        JsonNode deployment = target.deployment();
        RevisionHistory history = target.history(deployment);
        String text;
        if (history.isEmpty()) {
          text = "No rollout history found.";
        } else if (revision > 0) {
          if (history.replicaSet(revision).isEmpty()) {
            throw new KubectlError("error: unable to find the specified revision");
          }
          text = PodTemplateText.describe(history.template(revision));
        } else {
          text = history.table();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(target.ref().display() + " "
            + (revision > 0 ? "with revision #" + revision : "") + "\n" + text + "\n");
        out.flush();
        return 0;
      }
    });
  }
}

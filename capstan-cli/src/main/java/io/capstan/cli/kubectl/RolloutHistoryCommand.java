package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
        RolloutTarget.Resolved targets = RolloutTarget.resolveAll(cluster, args, ref ->
            "error: no history viewer has been implemented for \""
                + RolloutTarget.groupKind(ref) + "\"");
        PrintWriter out = spec.commandLine().getOut();
        for (RolloutTarget target : targets.found()) {
          out.print(target.ref().display() + " "
              + (revision > 0 ? "with revision #" + revision : "") + "\n" + show(target)
              + "\n");
          out.flush();
        }
        targets.failIfMissing();
        return 0;
      }
    });
  }

  private String show(RolloutTarget target) {
    RevisionHistory history = target.history(target.deployment());
    if (history.isEmpty()) {
      return "No rollout history found.";
    }
    if (revision <= 0) {
      return history.table();
    }
    if (history.replicaSet(revision).isEmpty()) {
      throw new KubectlError("error: unable to find the specified revision");
    }
    return PodTemplateText.describe(history.template(revision));
  }
}

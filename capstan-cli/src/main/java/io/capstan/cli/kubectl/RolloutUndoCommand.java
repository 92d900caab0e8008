package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollout undo deployment/web [--to-revision=N]}: back to an earlier template. */
@Command(name = "undo", description = "Undo a previous rollout.")
final class RolloutUndoCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Option(names = "--to-revision", description = "The revision to roll back to (0: the last).")
  long toRevision;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (toRevision < 0) {
        throw new KubectlError("error: unable to find specified revision " + toRevision
            + " in history");
      }
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        RolloutTarget.Resolved targets = RolloutTarget.resolveAll(cluster, args, ref ->
            "error: no rollbacker has been implemented for \"" + RolloutTarget.groupKind(ref)
                + "\"");
        return RolloutTarget.forEach(targets, spec.commandLine().getOut(),
            target -> target.ref().display() + " " + target.undo(toRevision).outcome());
      }
    });
  }
}

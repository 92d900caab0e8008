package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rollout pause deployment/web}: sets {@code spec.paused} to true. */
@Command(name = "pause", description = "Mark the Deployment as paused.")
final class RolloutPauseCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        RolloutTarget.Resolved targets = RolloutTarget.resolveAll(cluster, args,
            RolloutTarget.notSupported("pausing"));
        return RolloutTarget.forEach(targets, spec.commandLine().getOut(), target -> {
          if (target.deployment().path("spec").path("paused").asBoolean(false) == true) {
            throw new KubectlError("error: " + target.ref().type().qualifiedName() + " \""
                + target.ref().name() + "\" is already paused");
          }
          target.patch("application/strategic-merge-patch+json",
              "{\"spec\":{\"paused\":true}}");
          return target.ref().display() + " paused";
        });
      }
    });
  }
}

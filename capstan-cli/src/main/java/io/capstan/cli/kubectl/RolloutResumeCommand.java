package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rollout resume deployment/web}: clears {@code spec.paused}. kubectl patches with the
 * difference of the object before and after setting it to false, and since Go omits a false
 * {@code paused}, the field is removed rather than set to false; so is it here.
 */
@Command(name = "resume", description = "Mark the Deployment as resumed.")
final class RolloutResumeCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        RolloutTarget.Resolved targets = RolloutTarget.resolveAll(cluster, args,
            RolloutTarget.notSupported("resuming"));
        return RolloutTarget.forEach(targets, spec.commandLine().getOut(), target -> {
          if (target.deployment().path("spec").path("paused").asBoolean(false) == false) {
            throw new KubectlError("error: " + target.ref().type().qualifiedName() + " \""
                + target.ref().name() + "\" is not paused");
          }
          target.patch("application/strategic-merge-patch+json",
              "{\"spec\":{\"paused\":null}}");
          return target.ref().display() + " resumed";
        });
      }
    });
  }
}

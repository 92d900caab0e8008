package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rollout resume deployment/web}: sets {@code spec.paused} to false. */
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
        RolloutTarget target = RolloutTarget.resolve(cluster, args,
            RolloutTarget.notSupported("resuming"));
        boolean paused = target.deployment().path("spec").path("paused").asBoolean(false);
        if (paused == false) {
          throw new KubectlError("error: " + target.ref().type().qualifiedName() + " \""
              + target.ref().name()
              + "\" is not paused");
        }
        target.patch("application/strategic-merge-patch+json",
            "{\"spec\":{\"paused\":false}}");
        PrintWriter out = spec.commandLine().getOut();
        out.println(target.ref().display() + " resumed");
        out.flush();
        return 0;
      }
    });
  }
}

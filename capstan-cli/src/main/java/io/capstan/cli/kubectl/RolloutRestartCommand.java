package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code rollout restart deployment/web}: a new template that differs only by the
 * {@code kubectl.kubernetes.io/restartedAt} annotation, so every pod is replaced by a rollout.
 */
@Command(name = "restart", description = "Restart a Deployment's pods by a rollout.")
final class RolloutRestartCommand implements Callable<Integer> {

  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        RolloutTarget.Resolved targets = RolloutTarget.resolveAll(cluster, args,
            RolloutTarget.notSupported("restarting"));
        return RolloutTarget.forEach(targets, spec.commandLine().getOut(), target -> {
          if (target.deployment().path("spec").path("paused").asBoolean(false)) {
            throw new KubectlError("error: " + target.ref().type().qualifiedName() + " \""
                + target.ref().name() + "\" can't restart paused deployment (run rollout "
                + "resume first)");
          }
          target.patch("application/strategic-merge-patch+json",
              restartPatch(Clock.systemUTC().instant()));
          return target.ref().display() + " restarted";
        });
      }
    });
  }

  /** The patch kubectl sends: the template's restartedAt annotation, RFC 3339 to the second. */
  static String restartPatch(Instant now) {
    ObjectNode patch = Json.MAPPER.createObjectNode();
    patch.putObject("spec").putObject("template").putObject("metadata")
        .putObject("annotations").put(RESTARTED_AT,
            now.truncatedTo(ChronoUnit.SECONDS).toString());
    return patch.toString();
  }
}

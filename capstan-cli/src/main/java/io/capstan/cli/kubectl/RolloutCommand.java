package io.capstan.cli.kubectl;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code capstan kubectl rollout}: the parent of the rollout verbs; alone, prints its usage. */
@Command(name = "rollout", description = "Manage the rollout of a Deployment.",
    subcommands = {RolloutStatusCommand.class, RolloutHistoryCommand.class,
        RolloutUndoCommand.class, RolloutPauseCommand.class, RolloutResumeCommand.class,
        RolloutRestartCommand.class})
final class RolloutCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

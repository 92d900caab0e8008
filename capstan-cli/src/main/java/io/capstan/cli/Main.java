package io.capstan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code capstan} binary: one executable, one subcommand per role. */
@Command(
    name = "capstan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A lightweight orchestrator that speaks the Kubernetes API.",
    subcommands = {ServerCommand.class, AgentCommand.class, KubeconfigCommand.class,
        ImageCommand.class,
        io.capstan.cli.kubectl.KubectlCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // As with kubectl (and Go's flag package), a repeated flag takes its last value.
    int code = new CommandLine(new Main()).setOverwrittenOptionsAllowed(true).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

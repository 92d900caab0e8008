package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code capstan kubectl}: the kubectl subset built into the binary. */
@Command(
    name = "kubectl",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    description = "A kubectl-compatible subset: get, describe, apply, create, delete, rollout, logs"
        + " and more.",
    subcommands = {GetCommand.class, DescribeCommand.class, ApplyCommand.class,
        CreateCommand.class, ReplaceCommand.class, DeleteCommand.class, ScaleCommand.class,
        LabelCommand.class, AnnotateCommand.class, PatchCommand.class, EditCommand.class,
        SetCommand.class, RolloutCommand.class, WaitCommand.class, LogsCommand.class,
        CordonCommand.class, UncordonCommand.class, DrainCommand.class, ClusterInfoCommand.class,
        ConfigCommand.class, ApiResourcesCommand.class, VersionCommand.class,
        CompletionCommand.class})
public final class KubectlCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The connection flags every subcommand inherits; see {@link ClusterOptions#of}. */
  @CommandLine.Mixin
  ClusterOptions options;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Runs one subcommand's body, turning {@link KubectlError} into kubectl's message on standard
   * error and exit code 1.
   */
  static int run(CommandLine.Model.CommandSpec spec, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (KubectlError e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
  }
}

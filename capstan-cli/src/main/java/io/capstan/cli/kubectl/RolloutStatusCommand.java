package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollout status deployment/web}: waits for the rollout as kubectl does, with kubectl's
 * sentences and exit codes, and, unlike kubectl, fails within seconds when the new ReplicaSet's
 * pods cannot come up (see {@link PodFailure}), showing the failing container's last log lines;
 * {@code --rollback-on-failure} then undoes the rollout and waits for the previous revision.
 */
@Command(name = "status", description = "Show the status of the rollout; fail fast when its "
    + "new pods crash or cannot start.")
final class RolloutStatusCommand implements Callable<Integer> {

  static final int LOG_LINES = 5;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME")
  List<String> args = new ArrayList<>();

  @Option(names = {"-w", "--watch"}, arity = "0..1", fallbackValue = "true",
      defaultValue = "true", description = "Watch the rollout until it is done.")
  boolean watch;

  @Option(names = "--timeout", defaultValue = "0s",
      description = "How long to wait before giving up; 0 waits forever.")
  String timeout;

  @Option(names = "--revision", description = "Pin to a revision; fail if it is not current.")
  long revision;

  @Option(names = {"-o", "--output"}, defaultValue = "",
      description = "json: one JSON object per change.")
  String output;

  @Option(names = "--fail-fast", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Fail as soon as the new pods crash or cannot start (default true).")
  boolean failFast;

  @Option(names = "--rollback-on-failure",
      description = "Undo the rollout when it fails, wait for that, and still exit 1.")
  boolean rollbackOnFailure;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      if (!output.isEmpty() && !output.equals("json")) {
        throw new KubectlError("error: unable to match a printer suitable for the output format \""
            + output + "\", allowed formats are: json");
      }
      Duration limit = GoDuration.parse(timeout, "--timeout");
      try (Cluster cluster = ClusterOptions.of(spec).connect()) {
        RolloutTarget.Resolved targets = RolloutTarget.resolveAll(cluster, args, ref ->
            "error: no status viewer has been implemented for " + RolloutTarget.groupKind(ref));
        Instant deadline = limit.isZero() ? Instant.MAX : Instant.now().plus(limit);
        for (RolloutTarget target : targets.found()) {
          if (!watchOne(target, deadline)) {
            return 1;
          }
        }
        targets.failIfMissing();
        return 0;
      } finally {
        spec.commandLine().getOut().flush();
      }
    });
  }

  /** Waits for one Deployment; false when its rollout failed (and was rolled back if asked). */
  private boolean watchOne(RolloutTarget target, Instant deadline) {
    PrintWriter out = spec.commandLine().getOut();
    RolloutReport report = RolloutReport.choose(output, System.console() != null, out);
    RolloutWatch.Outcome outcome = new RolloutWatch(target, report, failFast)
        .await(revision, watch, deadline);
    if (outcome instanceof RolloutWatch.Outcome.Failed failed) {
      report.close();
      fail(failed.message());
      if (rollbackOnFailure) {
        rollBack(target, report, deadline);
      }
      return false;
    }
    return true;
  }

  private void rollBack(RolloutTarget target, RolloutReport report, Instant deadline) {
    RolloutTarget.Undo undo = target.undo(0);
    report.rolledBack(target.ref().display() + " " + (undo.outcome().equals("rolled back")
        ? "rolled back to revision " + undo.revision() : undo.outcome()), undo.revision());
    // The previous revision is watched as closely: if it cannot come up either, say so now
    // rather than at its progress deadline (and do not roll back again).
    RolloutWatch.Outcome after = new RolloutWatch(target, report, failFast)
        .await(0, true, deadline);
    report.close();
    if (after instanceof RolloutWatch.Outcome.Failed failed) {
      fail(failed.message());
    }
  }

  private void fail(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.flush();
  }
}

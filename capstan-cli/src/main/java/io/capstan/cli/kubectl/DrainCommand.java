package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code capstan kubectl drain NODE...}: cordons the nodes, then evicts their pods through the
 * eviction subresource so PodDisruptionBudgets are honoured, as kubectl's RunDrain. Pods no
 * controller would replace, DaemonSet pods and pods with emptyDir data stop the drain unless
 * the matching flag allows them; a node that could not be drained is reported and the others
 * still drained.
 */
@Command(name = "drain", description = "Drain node in preparation for maintenance.")
final class DrainCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "NODE")
  List<String> nodes = new ArrayList<>();

  @Option(names = {"-l", "--selector"}, description = "Selector (label query) to filter on.")
  String selector;

  @Option(names = "--pod-selector", description = "Label selector to filter pods on the node.")
  String podSelector;

  @Option(names = "--force", description = "Continue even if there are pods that do not "
      + "declare a controller.")
  boolean force;

  @Option(names = "--ignore-daemonsets", description = "Ignore DaemonSet-managed pods.")
  boolean ignoreDaemonSets;

  @Option(names = "--delete-emptydir-data", description = "Continue even if there are pods "
      + "using emptyDir (local data that will be deleted when the node is drained).")
  boolean deleteEmptyDirData;

  @Option(names = "--disable-eviction", description = "Force drain to use delete, even if "
      + "eviction is supported. This will bypass checking PodDisruptionBudgets.")
  boolean disableEviction;

  @Option(names = "--grace-period", defaultValue = "-1", description = "Period of time in "
      + "seconds given to each pod to terminate gracefully. If negative, the default value "
      + "specified in the pod will be used.")
  long gracePeriod;

  @Option(names = "--dry-run", arity = "0..1", fallbackValue = "client", defaultValue = "none",
      description = "Must be \"none\", \"server\", or \"client\". If client strategy, only "
          + "print the object that would be sent, without sending it. If server strategy, "
          + "submit server-side request without persisting the resource.")
  String dryRun;

  @Option(names = "--timeout", defaultValue = "0s", description = "The length of time to wait "
      + "before giving up, zero means infinite.")
  String timeout;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      NodeScheduling.requireNodes(nodes, selector, "drain");
      Duration limit = GoDuration.parse(timeout, "--timeout");
      DryRun mode = DryRun.parse(dryRun);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (Cluster cluster = ClusterOptions.of(spec).connectWithoutRetries()) {
        List<JsonNode> targets = NodeScheduling.resolve(cluster, nodes, selector);
        NodeScheduling.mark(cluster, out, targets, true, mode);
        out.flush();
        DrainPods pods = new DrainPods(cluster, new DrainPods.Options(force, ignoreDaemonSets,
            deleteEmptyDirData, podSelector));
        PodEvictions evictions = new PodEvictions(cluster, out, err, gracePeriod, limit,
            mode == DryRun.SERVER);
        List<String> fatal = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        for (JsonNode node : targets) {
          String name = node.path("metadata").path("name").asString("");
          List<String> errors = drain(name, pods, evictions, out, err, mode);
          if (errors.isEmpty()) {
            out.println("node/" + name + " drained" + mode.suffix());
            out.flush();
            continue;
          }
          err.println("error: unable to drain node \"" + name + "\" due to error: "
              + aggregate(errors) + ", continuing command...");
          // kubectl prints the nested errors flattened, one per line.
          fatal.addAll(errors);
          remaining.add(name);
        }
        if (remaining.isEmpty()) {
          return 0;
        }
        err.println("There are pending nodes to be drained:");
        remaining.forEach(name -> err.println(" " + name));
        err.flush();
        throw new KubectlError(String.join("\n", fatal));
      }
    });
  }

  /** {@code deleteOrEvictPodsSimple}: the errors that kept the node from being emptied. */
  private List<String> drain(String node, DrainPods pods, PodEvictions evictions,
      PrintWriter out, PrintWriter err, DryRun mode) throws InterruptedException {
    DrainPods.Selection selection = pods.forNode(node);
    if (!selection.errors().isEmpty()) {
      return selection.errors();
    }
    if (!selection.warnings().isEmpty()) {
      err.println("Warning: " + selection.warnings());
      err.flush();
    }
    if (mode == DryRun.CLIENT) {
      for (JsonNode pod : selection.pods()) {
        out.println("evicting pod " + pod.path("metadata").path("namespace").asString("") + "/"
            + pod.path("metadata").path("name").asString("") + " (dry run)");
      }
      return List.of();
    }
    List<String> errors = evictions.run(selection.pods(), disableEviction);
    if (errors.isEmpty()) {
      return errors;
    }
    List<JsonNode> pending = pods.forNode(node).pods();
    if (!pending.isEmpty()) {
      err.println("There are pending pods in node \"" + node + "\" when an error occurred: "
          + aggregate(errors));
      pending.forEach(p -> err.println("pod/" + p.path("metadata").path("name").asString("")));
    }
    return errors;
  }

  /** {@code utilerrors.NewAggregate(...).Error()}: one message, or all in brackets. */
  static String aggregate(List<String> errors) {
    List<String> distinct = errors.stream().distinct().toList();
    return distinct.size() == 1 ? distinct.getFirst()
        : "[" + String.join(", ", distinct) + "]";
  }
}

package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan kubectl cordon NODE...}: see {@link NodeScheduling}. */
@Command(name = "cordon", description = "Mark node as unschedulable.")
final class CordonCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "NODE")
  List<String> nodes = new ArrayList<>();

  @Option(names = {"-l", "--selector"}, description = "Label selector to filter on.")
  String selector;

  @Override
  public Integer call() throws Exception {
    return NodeScheduling.run(spec, nodes, selector, true);
  }
}

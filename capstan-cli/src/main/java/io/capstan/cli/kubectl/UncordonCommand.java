package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan kubectl uncordon NODE...}: see {@link NodeScheduling}. */
@Command(name = "uncordon", description = "Mark node as schedulable.")
final class UncordonCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "NODE")
  List<String> nodes = new ArrayList<>();

  @Option(names = {"-l", "--selector"}, description = "Label selector to filter on.")
  String selector;

  @Override
  public Integer call() throws Exception {
    return NodeScheduling.run(spec, nodes, selector, false);
  }
}

package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan kubectl label TYPE NAME KEY=VALUE... KEY-...}; see {@link MetadataMapCommand}. */
@Command(name = "label", description = "Update the labels on a resource.")
final class LabelCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME KEY=VALUE... KEY-...")
  List<String> args = new ArrayList<>();

  @Option(names = "--overwrite", description = "Allow replacing existing values.")
  boolean overwrite;

  @Option(names = {"-l", "--selector"}, description = "Label selector.")
  String selector;

  @Option(names = "--all", description = "Every object of the type.")
  boolean all;

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> MetadataMapCommand.run(spec,
        MetadataMapCommand.Kind.LABELS, args, overwrite, selector, all));
  }
}

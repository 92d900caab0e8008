package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan kubectl set env TYPE/NAME KEY=VALUE... KEY-... [-c CONTAINER]}. */
@Command(name = "env", description = "Update environment variables on a pod template.")
final class SetEnvCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TYPE NAME | TYPE/NAME KEY=VALUE... KEY-...")
  List<String> args = new ArrayList<>();

  @Option(names = {"-c", "--containers"}, description = "The containers to change (* for all).")
  String container = "*";

  @Override
  public Integer call() throws Exception {
    return KubectlCommand.run(spec, () -> {
      List<String> objects = new ArrayList<>();
      List<String> changes = new ArrayList<>();
      for (String arg : args) {
        boolean change = arg.contains("=") || (arg.endsWith("-") && !arg.contains("/"));
        (change && !objects.isEmpty() ? changes : objects).add(arg);
      }
      KeyValueChanges env = KeyValueChanges.parse(changes, "environment variable");
      if (env.isEmpty()) {
        // kubectl without variables (and without --list) changes nothing and says nothing.
        return 0;
      }
      PrintWriter err = spec.commandLine().getErr();
      return SetCommand.update(spec, objects, "env updated", (ref, podSpec) -> {
        if (ContainerEdits.setEnv(podSpec, container, env) == 0) {
          err.println("Warning: " + ref.type().kind() + "/" + ref.name()
              + " does not have any containers matching \"" + container + "\"");
          err.flush();
          return false;
        }
        return true;
      });
    });
  }
}

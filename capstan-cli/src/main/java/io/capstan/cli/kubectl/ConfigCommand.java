package io.capstan.cli.kubectl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capstan kubectl config view|get-contexts|current-context|use-context|set-context}: reads
 * and edits the kubeconfig file that the other verbs use, with kubectl's output and messages.
 */
@Command(name = "config", description = "Modify kubeconfig files.",
    subcommands = {ConfigCommand.View.class, ConfigCommand.GetContexts.class,
        ConfigCommand.CurrentContext.class, ConfigCommand.UseContext.class,
        ConfigCommand.SetContext.class})
final class ConfigCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Path file(CommandLine.Model.CommandSpec spec) {
    return ClusterOptions.of(spec).kubeconfigFile();
  }

  static Kubeconfig read(CommandLine.Model.CommandSpec spec) {
    Path file = file(spec);
    try {
      return Kubeconfig.parse(Files.exists(file) ? Files.readString(file) : "");
    } catch (IOException e) {
      throw new KubectlError("error: " + e.getMessage());
    }
  }

  static void write(CommandLine.Model.CommandSpec spec, Kubeconfig config) {
    try {
      Files.writeString(file(spec), config.write());
    } catch (IOException e) {
      throw new KubectlError("error: " + e.getMessage());
    }
  }

  static void print(CommandLine.Model.CommandSpec spec, String text) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
  }

  @Command(name = "view", description = "Display merged kubeconfig settings.")
  static final class View implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--minify", description = "Only the current context's information.")
    boolean minify;

    @Option(names = "--raw", description = "Show secrets as they are.")
    boolean raw;

    @Option(names = {"-o", "--output"}, description = "yaml (default), json or jsonpath=...")
    String output = "yaml";

    @Override
    public Integer call() throws Exception {
      return KubectlCommand.run(spec, () -> {
        var view = read(spec).view(minify, raw,
            Optional.ofNullable(ClusterOptions.of(spec).context));
        OutputFormat format = OutputFormat.parse(output);
        ObjectPrinter printer = ObjectPrinter.of(format, true, false);
        print(spec, printer.print(view, List.of(), ""));
        return 0;
      });
    }
  }

  @Command(name = "get-contexts", description = "Describe one or many contexts.")
  static final class GetContexts implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Option(names = "--no-headers", description = "Print no header line.")
    boolean noHeaders;

    @Option(names = {"-o", "--output"}, description = "name")
    String output = "";

    @Override
    public Integer call() throws Exception {
      return KubectlCommand.run(spec, () -> {
        Kubeconfig config = read(spec);
        ContextTable table = new ContextTable(config, output.equals("name"), noHeaders);
        ContextTable.Result result = table.render(names);
        print(spec, result.text());
        result.error().ifPresent(e -> {
          throw new KubectlError(e);
        });
        return 0;
      });
    }
  }

  @Command(name = "current-context", description = "Display the current-context.")
  static final class CurrentContext implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return KubectlCommand.run(spec, () -> {
        String current = read(spec).currentContext().orElseThrow(() ->
            new KubectlError("error: current-context is not set"));
        print(spec, current + "\n");
        return 0;
      });
    }
  }

  @Command(name = "use-context", description = "Set the current-context in a kubeconfig file.")
  static final class UseContext implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONTEXT_NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      return KubectlCommand.run(spec, () -> {
        write(spec, read(spec).useContext(name));
        print(spec, "Switched to context \"" + name + "\".\n");
        return 0;
      });
    }
  }

  /** {@code set-context [NAME | --current] [--cluster] [--user] [--namespace]}. */
  @Command(name = "set-context", description = "Set a context entry in kubeconfig.")
  static final class SetContext implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "CONTEXT_NAME")
    String name;

    @Option(names = "--current", description = "Modify the current context.")
    boolean current;

    @Option(names = "--cluster", description = "The cluster of the context.")
    String cluster;

    @Option(names = "--user", description = "The user of the context.")
    String user;

    @Override
    public Integer call() throws Exception {
      return KubectlCommand.run(spec, () -> {
        Kubeconfig config = read(spec);
        if (current && name != null) {
          throw new KubectlError("error: you cannot specify both a context name and --current");
        }
        String target = current ? config.currentContext().orElseThrow(() ->
            new KubectlError("error: no current context is set")) : name;
        if (target == null) {
          throw new KubectlError("error: you must specify a non-empty context name or --current");
        }
        // --namespace is the inherited connection flag; here it is the context's new namespace.
        Map<String, String> fields = new LinkedHashMap<>();
        Optional.ofNullable(cluster).ifPresent(c -> fields.put("cluster", c));
        Optional.ofNullable(user).ifPresent(u -> fields.put("user", u));
        Optional.ofNullable(ClusterOptions.of(spec).namespace)
            .ifPresent(n -> fields.put("namespace", n));
        boolean existed = config.contextExists(target);
        write(spec, config.setContext(target, fields));
        print(spec, "Context \"" + target + "\" " + (existed ? "modified" : "created") + ".\n");
        return 0;
      });
    }
  }
}

package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterOptionsTest {

  @Test
  void connectionFlagsMayComeBeforeOrAfterTheVerb() {
    for (List<String> args : List.of(
        List.of("-n", "x", "--kubeconfig=/k", "get", "pods"),
        List.of("get", "pods", "--namespace", "x", "--kubeconfig", "/k"),
        List.of("--kubeconfig", "/k", "get", "-n=x", "pods"))) {
      CommandLine kubectl = new CommandLine(new KubectlCommand());
      CommandLine.ParseResult parsed = kubectl.parseArgs(args.toArray(String[]::new));
      ClusterOptions options = ClusterOptions.of(parsed.subcommand().commandSpec());
      assertThat(options.namespace).as(args.toString()).isEqualTo("x");
      assertThat(options.kubeconfig).as(args.toString()).isEqualTo("/k");
      assertThat(options.namespaceGiven()).isTrue();
    }
  }

  @Test
  void everySubcommandOffersHelp() {
    CommandLine kubectl = new CommandLine(new KubectlCommand());
    kubectl.getSubcommands().values().forEach(sub ->
        assertThat(sub.getCommandSpec().optionsMap()).as(sub.getCommandName())
            .containsKeys("--help", "--namespace"));
  }
}

package io.capstan.cli.kubectl;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** kubectl's connection flags, shared by every {@code capstan kubectl} subcommand. */
final class ClusterOptions {

  @Option(names = "--kubeconfig", description = "Path to the kubeconfig file to use.")
  String kubeconfig;

  @Option(names = "--context", description = "The name of the kubeconfig context to use.")
  String context;

  @Option(names = {"-n", "--namespace"}, description = "The namespace of this request.")
  String namespace;

  Cluster connect() {
    Path file = KubeconfigLocation.forHome(Path.of(System.getProperty("user.home")))
        .resolve(Optional.ofNullable(kubeconfig), System.getenv());
    return Cluster.connect(file, Optional.ofNullable(context), Optional.ofNullable(namespace));
  }
}

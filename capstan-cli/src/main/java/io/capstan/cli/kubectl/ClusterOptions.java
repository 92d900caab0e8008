package io.capstan.cli.kubectl;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * kubectl's connection flags. They are declared once, on {@code capstan kubectl}, and inherited by
 * every subcommand, so that they may come before the verb ({@code capstan kubectl -n x get pods})
 * or after it, as with kubectl; picocli stores an inherited option's value on the declaring
 * command, which {@link #of} finds from any subcommand.
 */
final class ClusterOptions {

  @Option(names = "--kubeconfig", scope = ScopeType.INHERIT,
      description = "Path to the kubeconfig file to use.")
  String kubeconfig;

  @Option(names = "--context", scope = ScopeType.INHERIT,
      description = "The name of the kubeconfig context to use.")
  String context;

  @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT,
      description = "The namespace of this request.")
  String namespace;

  /** The flags as given to the {@code kubectl} command above {@code spec}. */
  static ClusterOptions of(CommandSpec spec) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      if (s.userObject() instanceof KubectlCommand kubectl) {
        return kubectl.options;
      }
    }
    throw new IllegalStateException(spec.qualifiedName() + " is not under capstan kubectl");
  }

  /** Whether {@code -n} was given (kubectl checks an object's namespace against it). */
  boolean namespaceGiven() {
    return namespace != null && !namespace.isEmpty();
  }

  /** The kubeconfig file kubectl would read. */
  Path kubeconfigFile() {
    return KubeconfigLocation.forHome(Path.of(System.getProperty("user.home")))
        .resolve(Optional.ofNullable(kubeconfig), System.getenv());
  }

  Cluster connect() {
    return Cluster.connect(kubeconfigFile(), Optional.ofNullable(context),
        Optional.ofNullable(namespace));
  }

  /**
   * A connection whose client answers a 429 or 5xx at once instead of retrying it, for commands
   * that handle those answers themselves (drain retries a refused eviction as kubectl does).
   */
  Cluster connectWithoutRetries() {
    return Cluster.connect(kubeconfigFile(), Optional.ofNullable(context),
        Optional.ofNullable(namespace), false);
  }
}

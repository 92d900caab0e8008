package io.capstan.cli;

import io.capstan.apiserver.allocation.Ipv4Cidr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code capstan server --runtime containerd} adds, their checks and their use. */
final class ContainerdOptions {

  static final String POD_CIDR = "10.42.0.0/24";
  static final String SERVICE_CIDR = "10.43.0.0/16";
  private static final Ipv4Cidr LOOPBACK = Ipv4Cidr.parse("127.0.0.0/8").orElseThrow();

  @Option(names = "--container-runtime-endpoint", paramLabel = "URL",
      defaultValue = ImageCommand.DEFAULT_ENDPOINT,
      description = "With --runtime containerd: containerd's socket (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(names = "--cni-conf-dir", paramLabel = "DIR", defaultValue = "/etc/cni/net.d",
      description = "With --runtime containerd: the CNI configuration directory of containerd's "
          + "CRI plugin (its conf_dir), where Capstan writes the pod network "
          + "(default: ${DEFAULT-VALUE}).")
  Path cniConfDir;

  @Option(names = "--cni-bridge", paramLabel = "NAME", defaultValue = "capstan0",
      description = "With --runtime containerd: the pods' bridge (default: ${DEFAULT-VALUE}).")
  String bridge;

  @Option(names = "--service-interface", paramLabel = "NAME", defaultValue = "capstan-svc0",
      description = "With --runtime containerd: the interface that makes the service range "
          + "local, so the proxy can listen on ClusterIPs (default: ${DEFAULT-VALUE}).")
  String serviceInterface;

  /** The socket path of a {@code unix://} endpoint (or of a bare path). */
  static Path socket(String endpoint) {
    return Path.of(endpoint.startsWith("unix://") ? endpoint.substring("unix://".length())
        : endpoint);
  }

  /**
   * containerd must be listening; the pod range is a bridge network: an IPv4 CIDR off loopback
   * with room for the gateway and pods; interface names must be Linux's (at most 15 characters,
   * no slashes or spaces).
   */
  void check(CommandLine commandLine, String podCidr) {
    if (!Files.exists(socket(endpoint))) {
      throw new CommandLine.ParameterException(commandLine, "--container-runtime-endpoint '"
          + endpoint + "': no containerd socket at " + socket(endpoint)
          + "; start containerd (see docs/containerd.md)");
    }
    Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(podCidr);
    if (cidr.isEmpty() || cidr.get().prefix() < 8 || cidr.get().prefix() > 30
        || cidr.get().overlaps(LOOPBACK)) {
      throw new CommandLine.ParameterException(commandLine, "--pod-cidr '" + podCidr
          + "' must be an IPv4 range outside 127.0.0.0/8 with a prefix from /8 to /30 with"
          + " --runtime containerd, e.g. " + POD_CIDR);
    }
    checkInterface(commandLine, "--cni-bridge", bridge);
    checkInterface(commandLine, "--service-interface", serviceInterface);
    if (bridge.equals(serviceInterface)) {
      throw new CommandLine.ParameterException(commandLine,
          "--service-interface must differ from --cni-bridge");
    }
  }

  /** The service range is made local to the node; inside a pod, loopback is the pod's own. */
  static Optional<String> serviceCidrProblem(Ipv4Cidr serviceCidr, String podCidr) {
    if (serviceCidr.overlaps(LOOPBACK)) {
      return Optional.of("must not be a loopback range with --runtime containerd (pods have "
          + "their own loopback)");
    }
    if (Ipv4Cidr.parse(podCidr).map(serviceCidr::overlaps).orElse(false)) {
      return Optional.of("overlaps --pod-cidr '" + podCidr + "'");
    }
    return Optional.empty();
  }

  NodeRuntime nodeRuntime(String podCidr, String serviceCidr) {
    return NodeRuntime.containerd(new NodeRuntime.Containerd(socket(endpoint), cniConfDir,
        bridge, podCidr, serviceInterface, serviceCidr));
  }

  private static void checkInterface(CommandLine commandLine, String flag, String name) {
    if (!name.matches("[A-Za-z0-9_.-]{1,15}")) {
      throw new CommandLine.ParameterException(commandLine, flag + " '" + name
          + "' is not an interface name (1 to 15 letters, digits, '_', '.' or '-')");
    }
  }
}

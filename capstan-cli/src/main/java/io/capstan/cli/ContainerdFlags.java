package io.capstan.cli;

import io.capstan.apiserver.allocation.Ipv4Cidr;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/** Checks of the flags {@code capstan server --runtime containerd} adds, and their parsing. */
final class ContainerdFlags {

  private static final Ipv4Cidr LOOPBACK = Ipv4Cidr.parse("127.0.0.0/8").orElseThrow();

  private ContainerdFlags() {}

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
  static void check(CommandLine commandLine, String endpoint, String podCidr, String bridge,
      String serviceInterface) {
    if (!java.nio.file.Files.exists(socket(endpoint))) {
      throw new CommandLine.ParameterException(commandLine, "--container-runtime-endpoint '"
          + endpoint + "': no containerd socket at " + socket(endpoint)
          + "; start containerd (see docs/containerd.md)");
    }
    Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(podCidr);
    if (cidr.isEmpty() || cidr.get().prefix() < 8 || cidr.get().prefix() > 30
        || cidr.get().overlaps(LOOPBACK)) {
      throw new CommandLine.ParameterException(commandLine, "--pod-cidr '" + podCidr
          + "' must be an IPv4 range outside 127.0.0.0/8 with a prefix from /8 to /30 with"
          + " --runtime containerd, e.g. " + ServerCommand.CONTAINERD_POD_CIDR);
    }
    checkInterface(commandLine, "--cni-bridge", bridge);
    checkInterface(commandLine, "--service-interface", serviceInterface);
    if (bridge.equals(serviceInterface)) {
      throw new CommandLine.ParameterException(commandLine,
          "--service-interface must differ from --cni-bridge");
    }
  }

  private static void checkInterface(CommandLine commandLine, String flag, String name) {
    if (!name.matches("[A-Za-z0-9_.-]{1,15}")) {
      throw new CommandLine.ParameterException(commandLine, flag + " '" + name
          + "' is not an interface name (1 to 15 letters, digits, '_', '.' or '-')");
    }
  }
}

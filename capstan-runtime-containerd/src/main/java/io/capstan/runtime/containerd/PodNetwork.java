package io.capstan.runtime.containerd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's network for containerd pods. Pods: containerd's CRI plugin runs the CNI network this
 * writes ({@code 10-capstan.conflist} in its {@code conf_dir}): Debian's {@code bridge} plugin on
 * a node-local bridge whose address is the pod CIDR's gateway, host-local IPAM over the pod CIDR
 * (its state under the node's data directory) and a default route through the bridge, so every
 * pod has its own network namespace and an address the node reaches directly.
 *
 * <p>Services: the proxy listens on ClusterIPs themselves, so the whole service CIDR is made local
 * to the node with one {@code local} route in the kernel's local table on an interface of its own
 * (a dummy interface, or a port-less bridge where the kernel has no dummy driver), as kube-proxy's
 * IPVS mode does with {@code kube-ipvs0}: the proxy may bind any ClusterIP, and pods reach it over
 * their default route. Closing removes the interface and with it the route.
 */
public final class PodNetwork implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PodNetwork.class);
  public static final String CONFLIST = "10-capstan.conflist";

  private final String serviceInterface;

  private PodNetwork(String serviceInterface) {
    this.serviceInterface = serviceInterface;
  }

  /**
   * Writes the CNI network for {@code podCidr} and makes {@code serviceCidr} local on
   * {@code serviceInterface}; both steps are idempotent, for an agent restarted on a live node.
   */
  public static PodNetwork setUp(Path cniConfDir, String bridge, String podCidr, Path ipamDir,
      String serviceInterface, String serviceCidr) throws IOException {
    writeConflist(cniConfDir, conflist(bridge, podCidr, ipamDir));
    if (!run(List.of("ip", "link", "show", serviceInterface), true)) {
      if (!run(List.of("ip", "link", "add", serviceInterface, "type", "dummy"), true)) {
        run(List.of("ip", "link", "add", serviceInterface, "type", "bridge"), false);
      }
    }
    run(List.of("ip", "link", "set", serviceInterface, "up"), false);
    // A range of an earlier start with another --service-cidr must not stay local.
    run(List.of("ip", "route", "flush", "table", "local", "dev", serviceInterface), true);
    run(List.of("ip", "route", "replace", "local", serviceCidr, "dev", serviceInterface,
        "table", "local"), false);
    LOG.info("pod network: bridge {} over {} (CNI config in {}); service range {} local on {}",
        bridge, podCidr, cniConfDir, serviceCidr, serviceInterface);
    return new PodNetwork(serviceInterface);
  }

  /** The conflist: bridge with the gateway address, host-local IPAM, default route via it. */
  static String conflist(String bridge, String podCidr, Path ipamDir) {
    return """
        {
          "cniVersion": "0.4.0",
          "name": "capstan",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "ipMasq": false,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": "%s"}]],
                "routes": [{"dst": "0.0.0.0/0"}],
                "dataDir": "%s"
              }
            }
          ]
        }
        """.formatted(bridge, podCidr, ipamDir.toAbsolutePath());
  }

  /** Replaced atomically, so containerd's watch of the directory never reads half a file. */
  private static void writeConflist(Path dir, String content) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(CONFLIST);
    if (Files.exists(target) && Files.readString(target).equals(content)) {
      return;
    }
    Path temporary = dir.resolve("." + CONFLIST + ".tmp");
    Files.writeString(temporary, content);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the service interface and so the ClusterIPs' route; pods keep their network. */
  @Override
  public void close() {
    try {
      run(List.of("ip", "link", "delete", serviceInterface), true);
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", serviceInterface, e.getMessage());
    }
  }

  private static boolean run(List<String> command, boolean mayFail) throws IOException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      int exit = process.waitFor();
      if (exit != 0 && !mayFail) {
        throw new IOException(String.join(" ", command) + " failed (" + exit + "): "
            + output.trim());
      }
      return exit == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + String.join(" ", command), e);
    }
  }
}

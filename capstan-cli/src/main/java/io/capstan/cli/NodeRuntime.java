package io.capstan.cli;

import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.process.ProcessRuntime;
import io.capstan.runtime.containerd.ContainerdRuntime;
import io.capstan.runtime.containerd.PodNetwork;
import io.capstan.runtime.containerd.SandboxImages;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The runtime this machine's node runs pods with, and what it needs around it: nothing for the
 * process runtime (its state in {@code DATA/runtime/process}); for containerd, the pod network
 * ({@link PodNetwork}, IPAM state in {@code DATA/runtime/containerd/ipam}) and the sandbox image
 * ({@link SandboxImages}), then a CRI connection. Closing removes what {@link #open} set up around
 * the runtime (the runtime itself is closed by the agent that owns it).
 */
abstract class NodeRuntime implements AutoCloseable {

  abstract ContainerRuntime open(Path dataDir, Clock clock) throws Exception;

  @Override
  public void close() {}

  static NodeRuntime process() {
    return new NodeRuntime() {
      @Override
      ContainerRuntime open(Path dataDir, Clock clock) throws Exception {
        return ProcessRuntime.open(dataDir.resolve("runtime").resolve("process"), clock);
      }
    };
  }

  /** containerd at {@code socket}, its CNI configuration in {@code cniConfDir}. */
  record Containerd(Path socket, Path cniConfDir, String bridge, String podCidr,
      String serviceInterface, String serviceCidr) {}

  static NodeRuntime containerd(Containerd settings) {
    return new NodeRuntime() {
      private PodNetwork network;

      @Override
      ContainerRuntime open(Path dataDir, Clock clock) throws Exception {
        Path state = dataDir.resolve("runtime").resolve("containerd");
        network = PodNetwork.setUp(settings.cniConfDir(), settings.bridge(), settings.podCidr(),
            state.resolve("ipam"), settings.serviceInterface(), settings.serviceCidr());
        ContainerdRuntime runtime = ContainerdRuntime.open(settings.socket());
        try {
          SandboxImages.ensure(runtime.cri(), state.resolve("images"));
          return runtime;
        } catch (Exception | Error e) {
          runtime.close();
          throw e;
        }
      }

      @Override
      public void close() {
        if (network != null) {
          network.close();
        }
      }
    };
  }
}

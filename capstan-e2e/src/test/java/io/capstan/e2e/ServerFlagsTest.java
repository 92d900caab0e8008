package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code capstan server} refuses flags it cannot honour with a usage error, before starting. */
class ServerFlagsTest {

  record Case(String name, String[] args, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("pod range off loopback", new String[] {"--pod-cidr", "10.1.0.0/16"},
            "--pod-cidr '10.1.0.0/16' must be a range inside 127.0.0.0/8"),
        new Case("pod range prefix too long", new String[] {"--pod-cidr", "127.1.0.0/31"},
            "with a prefix from /8 to /30"),
        new Case("service range not a CIDR", new String[] {"--service-cidr", "127.96.0.1/12"},
            "--service-cidr '127.96.0.1/12' is not an IPv4 CIDR"),
        new Case("service range too large", new String[] {"--service-cidr", "127.0.0.0/8"},
            "the mask must be >= 12"),
        new Case("service range off loopback", new String[] {"--service-cidr", "10.96.0.0/12"},
            "must be a range inside 127.0.0.0/8 with --runtime process"),
        new Case("service range overlaps pods",
            new String[] {"--service-cidr", "127.1.0.0/24"}, "overlaps --pod-cidr '127.1.0.0/16'"),
        new Case("node ranges larger than the pod range",
            new String[] {"--pod-cidr", "127.1.0.0/26"},
            "--pod-cidr '127.1.0.0/26' with --node-cidr-mask-size 24: the node CIDR mask size 24"
                + " must be from the cluster CIDR's 26 to 30"),
        new Case("grace period not a duration",
            new String[] {"--node-monitor-grace-period", "0s"},
            "--node-monitor-grace-period '0s' is not a positive duration such as 40s"),
        new Case("negative toleration seconds",
            new String[] {"--default-unreachable-toleration-seconds", "-1"},
            "--default-unreachable-toleration-seconds must not be negative"),
        new Case("unknown runtime", new String[] {"--runtime", "docker"},
            "--runtime 'docker' is not available in this build; available: process, containerd,"
                + " simulated"),
        new Case("containerd not running",
            new String[] {"--runtime", "containerd", "--container-runtime-endpoint",
                "unix:///nonexistent/containerd.sock"},
            "no containerd socket at /nonexistent/containerd.sock"),
        new Case("containerd pod range on loopback", new String[] {"--runtime", "containerd",
            "--container-runtime-endpoint", "/", "--pod-cidr", "127.1.0.0/16"},
            "must be an IPv4 range outside 127.0.0.0/8"),
        new Case("containerd service range on loopback", new String[] {"--runtime", "containerd",
            "--container-runtime-endpoint", "/", "--service-cidr", "127.96.0.0/12"},
            "must not be a loopback range with --runtime containerd"),
        new Case("containerd bridge name too long", new String[] {"--runtime", "containerd",
            "--container-runtime-endpoint", "/", "--cni-bridge", "a-much-too-long-name"},
            "--cni-bridge 'a-much-too-long-name' is not an interface name"),
        new Case("no simulated nodes",
            new String[] {"--runtime", "simulated", "--simulated-nodes", "0"},
            "--simulated-nodes must be at least 1"),
        new Case("simulated pod delay not a duration",
            new String[] {"--runtime", "simulated", "--simulated-pod-delay", "10"},
            "--simulated-pod-delay '10' is not a duration such as 500ms or 1s"),
        new Case("negative simulated pod delay",
            new String[] {"--runtime", "simulated", "--simulated-pod-delay", "-1s"},
            "--simulated-pod-delay must not be negative"),
        new Case("node address not IPv4", new String[] {"--node-ip", "127.0.0.256"},
            "--node-ip '127.0.0.256' is not an IPv4 address"),
        new Case("node address not this host's", new String[] {"--node-ip", "192.0.2.1"},
            "--node-ip '192.0.2.1' is not an address of this host"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesWithAUsageError(Case c, @TempDir Path dataDir) throws Exception {
    CapstanProcess.Refusal refusal = CapstanProcess.refuse(dataDir, c.args());
    assertThat(refusal.exitCode()).as(refusal.output()).isEqualTo(2);
    assertThat(refusal.output()).contains(c.message()).doesNotContain("Exception");
  }
}

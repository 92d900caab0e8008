package io.capstan.cli;

import io.capstan.apiserver.ApiSecurity;
import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.apiserver.allocation.Ipv4Cidr;
import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.cli.kubectl.GoDuration;
import io.capstan.node.simulated.SimulatedNodesConfig;
import io.capstan.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capstan server}: the control plane on this machine, and by default this machine's node.
 * Starts the datastore and the API server, writes the admin kubeconfig, then starts the
 * controllers and the node agent; stops in reverse order on SIGTERM or Ctrl-C.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run the Capstan control plane.")
final class ServerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "State, kubeconfig and tokens (default: ~/.capstan).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "6443",
      description = "API port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind-address", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bindAddress;

  @Option(names = "--node-ip", paramLabel = "IP", defaultValue = "127.0.0.1",
      description = "This machine's node address: its InternalIP, where its log endpoint and "
          + "the proxy's NodePorts listen; an IPv4 address of this host "
          + "(default: ${DEFAULT-VALUE}).")
  String nodeIp;

  @Option(names = "--datastore-endpoint", paramLabel = "URL",
      description = "sqlite:PATH (default: DIR/state.db), etcd://HOST:PORT[,HOST:PORT...] (a "
          + "cluster several servers share) or memory:.")
  String datastoreEndpoint;

  @Option(names = "--etcd-cafile", paramLabel = "FILE",
      description = "With etcd://: verify the etcd members with this CA (PEM); enables TLS.")
  Path etcdCaFile;

  @Option(names = "--etcd-certfile", paramLabel = "FILE",
      description = "With etcd://: client certificate (PEM) to present to etcd; enables TLS.")
  Path etcdCertFile;

  @Option(names = "--etcd-keyfile", paramLabel = "FILE",
      description = "With etcd://: the key (PEM) of --etcd-certfile.")
  Path etcdKeyFile;

  @Option(names = "--node-name", paramLabel = "NAME",
      description = "Name of this machine's node; simulated nodes are NAME-sim-0, NAME-sim-1, ... "
          + "(default: the host name).")
  String nodeName;

  @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "process",
      description = "How pods run on this server's nodes: process (default: this machine is a "
          + "node whose containers are local processes), containerd (this machine is a node "
          + "running containers through containerd's CRI; see docs/containerd.md) or simulated "
          + "(kwok-like nodes that move pods through their lifecycle without running anything).")
  String runtime;

  @Option(names = "--pod-cidr", paramLabel = "CIDR",
      description = "The cluster's pod range, split into one range per node (spec.podCIDR) "
          + "that its pods get their addresses from: with --runtime process a loopback range "
          + "(default: 127.1.0.0/16; servers that share a machine need ranges of their own); with "
          + "--runtime containerd this node's pod bridge network, which it keeps whole (default: "
          + ContainerdOptions.POD_CIDR + ").")
  String podCidr;

  @Option(names = "--node-cidr-mask-size", paramLabel = "N", defaultValue = "24",
      description = "Prefix length of each node's pod range (default: ${DEFAULT-VALUE}).")
  int nodeCidrMaskSize;

  @Option(names = "--node-monitor-grace-period", paramLabel = "DURATION", defaultValue = "40s",
      description = "How long a node may stop renewing its Lease and posting its status before "
          + "it is Unknown, tainted unreachable and its pods are marked not ready "
          + "(default: ${DEFAULT-VALUE}).")
  String nodeMonitorGracePeriod;

  @Option(names = "--terminated-pod-gc-threshold", paramLabel = "N", defaultValue = "12500",
      description = "How many terminated (Succeeded or Failed) pods may exist before the pod "
          + "garbage collector deletes the oldest; 0 or less turns that off "
          + "(default: ${DEFAULT-VALUE}).")
  int terminatedPodGcThreshold;

  @Option(names = "--default-not-ready-toleration-seconds", paramLabel = "N",
      defaultValue = "300", description = "tolerationSeconds of the not-ready:NoExecute "
          + "toleration new pods get when they set none (default: ${DEFAULT-VALUE}).")
  long notReadyTolerationSeconds;

  @Option(names = "--default-unreachable-toleration-seconds", paramLabel = "N",
      defaultValue = "300", description = "tolerationSeconds of the unreachable:NoExecute "
          + "toleration new pods get when they set none (default: ${DEFAULT-VALUE}).")
  long unreachableTolerationSeconds;

  @Option(names = "--service-cidr", paramLabel = "CIDR",
      description = "IPv4 range Service cluster IPs come from, which each node's proxy listens "
          + "on: with --runtime process a loopback range (default: "
          + ApiServerConfig.DEFAULT_SERVICE_CIDR + "), with --runtime containerd one the node "
          + "makes local (default: " + ContainerdOptions.SERVICE_CIDR + ").")
  String serviceCidr;

  @CommandLine.Mixin
  ContainerdOptions containerdOptions;

  @Option(names = "--tls-san", paramLabel = "NAME", split = ",",
      description = "A further host name or IP address the serving certificate must cover, "
          + "besides localhost, 127.0.0.1, the host name and this host's addresses "
          + "(repeatable or comma-separated).")
  List<String> tlsSans = new ArrayList<>();

  @Option(names = "--disable-agent",
      description = "Run no node on this machine (with --runtime process or containerd).")
  boolean disableAgent;

  @Option(names = "--simulated-nodes", paramLabel = "N", defaultValue = "1",
      description = "How many simulated nodes to register with --runtime simulated "
          + "(default: ${DEFAULT-VALUE}).")
  int simulatedNodes;

  @Option(names = "--simulated-pod-delay", paramLabel = "DURATION", defaultValue = "1s",
      description = "With --runtime simulated: how long a pod takes from being bound to running, "
          + "and again from running to ready, e.g. 500ms (default: ${DEFAULT-VALUE}; 0s makes a "
          + "bound pod running and ready at once).")
  String simulatedPodDelay;

  @Option(names = "--leader-elect-lease-duration", paramLabel = "DURATION", defaultValue = "15s",
      description = "How long the other servers wait, after the controllers' lease was last "
          + "renewed, before one of them takes it over (default: ${DEFAULT-VALUE}).")
  String leaderElectLeaseDuration;

  @Option(names = "--leader-elect-renew-deadline", paramLabel = "DURATION", defaultValue = "10s",
      description = "How long the leading server keeps trying to renew the lease before it "
          + "stops its controllers; less than the lease duration (default: ${DEFAULT-VALUE}).")
  String leaderElectRenewDeadline;

  @Option(names = "--leader-elect-retry-period", paramLabel = "DURATION", defaultValue = "2s",
      description = "How often every server tries to acquire or renew the lease; less than the "
          + "renew deadline (default: ${DEFAULT-VALUE}).")
  String leaderElectRetryPeriod;

  @Override
  public Integer call() throws Exception {
    Optional<SimulatedNodesConfig> simulated = simulatedNodesConfig();
    boolean containerd = runtime.equals("containerd");
    if (podCidr == null) {
      podCidr = containerd ? ContainerdOptions.POD_CIDR : "127.1.0.0/16";
    }
    if (serviceCidr == null) {
      serviceCidr = containerd ? ContainerdOptions.SERVICE_CIDR
          : ApiServerConfig.DEFAULT_SERVICE_CIDR;
    }
    if (runtime.equals("process")) {
      checkPodCidr();
      checkNodeIp();
    } else if (containerd && !disableAgent) {
      containerdOptions.check(spec.commandLine(), podCidr);
      checkNodeIp();
    }
    checkServiceCidr();
    LeaderElection election = leaderElection();
    NodeControllers.Settings nodeControllers = nodeControllers();
    io.capstan.apiserver.resources.pod.TolerationDefaults tolerations = podTolerations();
    DataDir dir = DataDir.create(dataDir == null ? DataDir.defaultRoot() : dataDir);
    String advertised = bindAddress.equals("0.0.0.0") || bindAddress.equals("::")
        ? "127.0.0.1" : bindAddress;
    var random = SecretFiles.secureRandom();
    Components components = new Components();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      components.close();
      stopped.countDown();
    }, "capstan-shutdown"));
    Datastore.EtcdTls etcdTls = new Datastore.EtcdTls(Optional.ofNullable(etcdCaFile),
        Optional.ofNullable(etcdCertFile), Optional.ofNullable(etcdKeyFile));
    Store store = components.start(() -> Datastore.open(datastoreEndpoint, dir, etcdTls,
        spec.commandLine()));
    if (Datastore.isShared(datastoreEndpoint)) {
      SharedCredentials.sync(store, dir, random);
    }
    String adminToken = SecretFiles.token(dir.adminToken(), random);
    String nodeToken = SecretFiles.token(dir.nodeToken(), random);
    ApiServerConfig config = ApiServerConfig.defaults()
        .withBindAddress(bindAddress, advertised)
        .withPort(port)
        .withServiceCidr(serviceCidr)
        .withPodTolerations(tolerations)
        .withSecurity(new ApiSecurity(dir.tls(), tlsSans,
            Map.of(adminToken, UserInfo.admin()), Optional.of(nodeToken),
            Optional.of(dir.auditLog())));
    ApiServer server = components.start(() -> ApiServer.start(store, config));
    CertificateAuthority ca = server.certificateAuthority().orElseThrow();
    SecretFiles.write(dir.kubeconfig(), Kubeconfig.render(server.url(),
        ca.certificateAuthorityData(), adminToken));
    LOG.info("Capstan is ready at {}; kubeconfig: {}", server.url(), dir.kubeconfig());
    // The API serves from here on; the controllers are its clients and catch up on their own.
    // They act as kube-controller-manager does, with a certificate of their own kept in memory.
    ApiCredentials controllers = new ApiCredentials(server.url(), ca.certificatePem(),
        Optional.of(ca.issueClient(UserInfo.CONTROLLER_MANAGER, List.of(UserInfo.MASTERS))));
    ApiClients clients = components.start(ApiClients::new);
    components.start(() -> LeaderElectedControllers.start(clients, controllers,
        Clock.systemUTC(), simulated, nodeControllers,
        election.config(leaderIdentity(dir, random))));
    if ((runtime.equals("process") || containerd) && !disableAgent) {
      String node = nodeName();
      // This machine's node joins like any other, with the node token, and gets its own
      // identities: it may touch only its own pods and what they reference.
      NodeJoin.Credentials joined = NodeJoin.credentials(server.url(), ca.certificate(),
          nodeToken, node, dir.nodeCredentials(), Clock.systemUTC());
      components.start(() -> LocalNode.start(clients,
          new ApiCredentials(server.url(), ca.certificatePem(), Optional.of(joined.kubelet())),
          new ApiCredentials(server.url(), ca.certificatePem(), Optional.of(joined.proxy())),
          dir.root(), node, containerd ? podCidr : "", nodeIp, containerd
              ? containerdOptions.nodeRuntime(podCidr, serviceCidr) : NodeRuntime.process()));
    }
    stopped.await();
    return 0;
  }

  /** The --leader-elect-* timings, checked as client-go checks them. */
  private record LeaderElection(Duration lease, Duration renew, Duration retry) {
    io.capstan.controller.runtime.LeaderElectionConfig config(String identity) {
      return new io.capstan.controller.runtime.LeaderElectionConfig(
          LeaderElectedControllers.LEASE_NAMESPACE, LeaderElectedControllers.LEASE_NAME,
          identity, lease, renew, retry);
    }
  }

  private LeaderElection leaderElection() {
    LeaderElection election = new LeaderElection(
        leaderDuration("--leader-elect-lease-duration", leaderElectLeaseDuration),
        leaderDuration("--leader-elect-renew-deadline", leaderElectRenewDeadline),
        leaderDuration("--leader-elect-retry-period", leaderElectRetryPeriod));
    try {
      election.config("check");
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--leader-elect-retry-period "
          + "must be less than --leader-elect-renew-deadline, which must be less than "
          + "--leader-elect-lease-duration");
    }
    return election;
  }

  private Duration leaderDuration(String flag, String value) {
    try {
      return GoDuration.read(value);
    } catch (GoDuration.Invalid e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          flag + " '" + value + "' is not a duration such as 15s");
    }
  }

  /**
   * This server in the lease: the host name and an id kept in the data directory, so that a
   * server restarted after a crash takes back its own lease at once.
   */
  private static String leaderIdentity(DataDir dir, java.util.random.RandomGenerator random)
      throws java.io.IOException {
    String id = SecretFiles.token(dir.root().resolve("leader-id"), random).substring(0, 12);
    return java.net.InetAddress.getLocalHost().getHostName() + "_" + id;
  }

  /** The node IPAM and node lifecycle settings, checked. */
  private NodeControllers.Settings nodeControllers() {
    io.capstan.controllers.nodeipam.PodCidrRanges ranges;
    // A containerd node's bridge network is the whole --pod-cidr (pods on different machines
    // have no network between them yet), so the range is not split.
    int maskSize = runtime.equals("containerd") && !disableAgent
        ? Integer.parseInt(podCidr.substring(podCidr.indexOf('/') + 1)) : nodeCidrMaskSize;
    try {
      ranges = io.capstan.controllers.nodeipam.PodCidrRanges.of(podCidr, maskSize);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--pod-cidr '" + podCidr
          + "' with --node-cidr-mask-size " + nodeCidrMaskSize + ": " + e.getMessage());
    }
    Duration grace;
    try {
      grace = GoDuration.read(nodeMonitorGracePeriod);
    } catch (GoDuration.Invalid e) {
      grace = Duration.ZERO;
    }
    if (grace.isNegative() || grace.isZero()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--node-monitor-grace-period '"
          + nodeMonitorGracePeriod + "' is not a positive duration such as 40s");
    }
    return new NodeControllers.Settings(ranges,
        io.capstan.controllers.nodelifecycle.NodeMonitorSettings.withGracePeriod(grace),
        terminatedPodGcThreshold);
  }

  private io.capstan.apiserver.resources.pod.TolerationDefaults podTolerations() {
    if (notReadyTolerationSeconds < 0 || unreachableTolerationSeconds < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds"
              + " must not be negative");
    }
    return new io.capstan.apiserver.resources.pod.TolerationDefaults(notReadyTolerationSeconds,
        unreachableTolerationSeconds);
  }

  /** Process-runtime pods listen on their address directly, so it must be one of this host's. */
  private void checkPodCidr() {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})").matcher(podCidr);
    boolean valid = m.matches() && Integer.parseInt(m.group(1)) < 256
        && Integer.parseInt(m.group(2)) < 256 && Integer.parseInt(m.group(3)) < 256
        && Integer.parseInt(m.group(4)) >= 8 && Integer.parseInt(m.group(4)) <= 30;
    if (!valid) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--pod-cidr '" + podCidr
          + "' must be a range inside 127.0.0.0/8 with a prefix from /8 to /30,"
          + " e.g. 127.1.0.0/16");
    }
  }

  /** As kube-apiserver's service range checks, plus loopback and no overlap for local pods. */
  private void checkServiceCidr() {
    Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(serviceCidr);
    String problem = null;
    if (cidr.isEmpty()) {
      problem = "is not an IPv4 CIDR such as " + ApiServerConfig.DEFAULT_SERVICE_CIDR;
    } else if (cidr.get().prefix() < 12) {
      problem = "is too large; for 32-bit addresses, the mask must be >= 12";
    } else if (cidr.get().prefix() > 30) {
      problem = "is too small; it must leave at least two addresses for Services";
    } else if (runtime.equals("containerd")) {
      problem = ContainerdOptions.serviceCidrProblem(cidr.get(), podCidr).orElse(null);
    } else if (runtime.equals("process")) {
      Ipv4Cidr loopback = Ipv4Cidr.parse("127.0.0.0/8").orElseThrow();
      if (!cidr.get().overlaps(loopback)) {
        problem = "must be a range inside 127.0.0.0/8 with --runtime process";
      } else if (Ipv4Cidr.parse(podCidr).map(cidr.get()::overlaps).orElse(false)) {
        problem = "overlaps --pod-cidr '" + podCidr + "'";
      }
    }
    if (problem != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--service-cidr '" + serviceCidr + "' " + problem);
    }
  }

  private Optional<SimulatedNodesConfig> simulatedNodesConfig() throws java.io.IOException {
    if (runtime.equals("process") || runtime.equals("containerd")) {
      return Optional.empty();
    }
    if (!runtime.equals("simulated")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runtime '" + runtime
          + "' is not available in this build; available: process, containerd, simulated");
    }
    if (simulatedNodes < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--simulated-nodes must be at least 1");
    }
    Duration delay;
    try {
      delay = GoDuration.read(simulatedPodDelay);
    } catch (GoDuration.Invalid e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--simulated-pod-delay '" + simulatedPodDelay + "' is not a duration such as 500ms or 1s");
    }
    if (delay.isNegative()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--simulated-pod-delay must not be negative");
    }
    SimulatedNodesConfig defaults = SimulatedNodesConfig.defaults(nodeName() + "-sim-");
    return Optional.of(defaults.withCount(simulatedNodes)
        .withDelays(delay, delay, defaults.stopDelay()));
  }

  private String nodeName() throws java.net.UnknownHostException {
    return nodeName != null ? nodeName
        : java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
  }

  /** The node IP is listened on (log endpoint, NodePorts), so it must be one of this host's. */
  private void checkNodeIp() {
    String problem = null;
    if (!nodeIp.matches("(\\d{1,3})(\\.\\d{1,3}){3}")
        || java.util.Arrays.stream(nodeIp.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
      problem = "is not an IPv4 address such as 127.0.0.1";
    } else {
      try {
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(nodeIp)).close();
      } catch (java.io.IOException e) {
        problem = "is not an address of this host (" + e.getMessage() + ")";
      }
    }
    if (problem != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--node-ip '" + nodeIp + "' " + problem);
    }
  }
}

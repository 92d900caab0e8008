package io.capstan.cli;

import io.capstan.apiserver.tls.Pem;
import io.capstan.apiserver.tls.SecureFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capstan agent}: this machine becomes one more node of a cluster. It joins with the node
 * token (keeping the credentials and the cluster CA in its data directory), then runs the node
 * agent — and the node's service proxy — against the cluster's API servers through an {@link
 * ApiServerFailover}, so losing one server of several only moves its connections to the next.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Join a Capstan cluster as a node.")
final class AgentCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration JOIN_RETRY = Duration.ofSeconds(2);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--server", paramLabel = "URL", required = true, split = ",",
      description = "An API server, e.g. https://10.0.0.5:6443; repeatable or comma-separated: "
          + "the node fails over between them.")
  List<String> servers = new ArrayList<>();

  @Option(names = "--token", paramLabel = "TOKEN", required = true,
      description = "The servers' node token (the content of DIR/node-token on a server).")
  String token;

  @Option(names = "--node-name", paramLabel = "NAME",
      description = "This node's name (default: the host name).")
  String nodeName;

  @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "process",
      description = "How this node runs pods: process (default) or simulated (one kwok-like "
          + "node that runs nothing).")
  String runtime;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The node's credentials, the cluster CA, runtime state, volumes and logs "
          + "(default: ~/.capstan/agent).")
  Path dataDir;

  @Option(names = "--node-ip", paramLabel = "IP", defaultValue = "127.0.0.1",
      description = "This node's InternalIP, where its log endpoint and the proxy's NodePorts "
          + "listen; an IPv4 address of this host (default: ${DEFAULT-VALUE}).")
  String nodeIp;

  @Option(names = "--ca-cert", paramLabel = "FILE",
      description = "The cluster CA certificate (a server's DIR/tls/ca.crt); without it the "
          + "node trusts the CA the server names when it first joins, and keeps it.")
  Path caCert;

  @Option(names = "--disable-proxy",
      description = "Run no service proxy on this node (e.g. when another node on this machine "
          + "already serves the Service addresses).")
  boolean disableProxy;

  @Override
  public Integer call() throws Exception {
    List<URI> urls = serverUrls();
    if (!runtime.equals("process") && !runtime.equals("simulated")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runtime '" + runtime
          + "' is not available in this build; available: process, simulated");
    }
    if (token.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--token must not be empty");
    }
    String node = nodeName != null ? nodeName
        : java.net.InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    DataDir dir = DataDir.create(dataDir == null
        ? DataDir.defaultRoot().resolve("agent") : dataDir);
    Joined joined = join(urls, node, dir);
    Components components = new Components();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      components.close();
      stopped.countDown();
    }, "capstan-shutdown"));
    ApiServerFailover failover = components.start(
        () -> ApiServerFailover.start(urls, CONNECT_TIMEOUT));
    ApiClients clients = components.start(ApiClients::new);
    String caPem = Pem.encodeCertificate(joined.ca());
    ApiCredentials kubelet = new ApiCredentials(failover.url(), caPem,
        Optional.of(joined.credentials().kubelet()));
    if (runtime.equals("simulated")) {
      components.start(() -> SimulatedNode.start(clients, kubelet, node, Clock.systemUTC()));
    } else {
      ApiCredentials proxy = new ApiCredentials(failover.url(), caPem,
          Optional.of(joined.credentials().proxy()));
      components.start(() -> LocalNode.start(clients, kubelet, proxy, dir.root(), node,
          "", nodeIp, NodeRuntime.process(), !disableProxy));
    }
    LOG.info("node {} is running with {} (API servers: {})", node, runtime, urls);
    stopped.await();
    return 0;
  }

  private record Joined(X509Certificate ca, NodeJoin.Credentials credentials) {}

  /**
   * Joins through the first server that answers, waiting for one as long as it takes (a node may
   * well start before its servers). A server that answers and refuses ends the command.
   */
  private Joined join(List<URI> urls, String node, DataDir dir) throws Exception {
    Path pinned = dir.root().resolve("ca.crt");
    for (int attempt = 0; ; attempt++) {
      for (URI url : urls) {
        try {
          Optional<X509Certificate> ca = knownCa(pinned);
          if (ca.isPresent()) {
            return new Joined(ca.get(), NodeJoin.credentials(url.toString(), ca.get(), token,
                node, dir.nodeCredentials(), Clock.systemUTC()));
          }
          NodeJoin.Joined first = NodeJoin.joinTrustingOnFirstUse(url.toString(), token, node,
              dir.nodeCredentials());
          SecureFiles.writePublic(pinned, Pem.encodeCertificate(first.ca()));
          LOG.warn("trusting the cluster CA {} that {} named on first use (kept in {}); pass "
              + "--ca-cert to verify it instead", first.ca().getSubjectX500Principal().getName(),
              url, pinned);
          return new Joined(first.ca(), first.credentials());
        } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
          if (attempt == 0) {
            LOG.warn("API server {} does not answer ({}); trying the others, then again", url,
                e.toString());
          }
        }
      }
      Thread.sleep(JOIN_RETRY);
    }
  }

  /** The CA from --ca-cert, else the one kept from the first join. */
  private Optional<X509Certificate> knownCa(Path pinned) throws IOException {
    Path file = caCert != null ? caCert : pinned;
    if (caCert == null && !Files.exists(pinned)) {
      return Optional.empty();
    }
    List<X509Certificate> certificates;
    try {
      certificates = Pem.decodeCertificates(Files.readString(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "cannot read the CA certificate " + file + ": " + e.getMessage());
    }
    if (certificates.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          file + " holds no PEM certificate");
    }
    return Optional.of(certificates.getFirst());
  }

  private List<URI> serverUrls() {
    List<URI> urls = new ArrayList<>();
    for (String server : servers) {
      URI uri;
      try {
        uri = new URI(server.trim().replaceAll("/+$", ""));
      } catch (java.net.URISyntaxException e) {
        uri = null;
      }
      if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null
          || (uri.getPath() != null && !uri.getPath().isEmpty())) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--server '" + server
            + "' is not an https URL such as https://10.0.0.5:6443");
      }
      urls.add(uri);
    }
    if (urls.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--server is required");
    }
    return List.copyOf(urls);
  }
}

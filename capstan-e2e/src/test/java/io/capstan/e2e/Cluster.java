package io.capstan.e2e;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code capstan server} for a suite, a fabric8 client to observe it, and a fresh namespace
 * per test so that a suite's tests can run side by side.
 */
final class Cluster implements AutoCloseable {

  private final CapstanProcess capstan;
  private final KubernetesClient client;
  private final String prefix;
  private final AtomicInteger namespaces = new AtomicInteger();

  private Cluster(CapstanProcess capstan, KubernetesClient client, String prefix) {
    this.capstan = capstan;
    this.client = client;
    this.prefix = prefix;
  }

  /** {@code nodes} simulated nodes named {@code name-sim-0, ...}; namespaces {@code name1, ...}. */
  static Cluster simulated(Path dataDir, String name, int nodes) throws Exception {
    return start(dataDir, name, "--runtime", "simulated", "--simulated-nodes",
        String.valueOf(nodes), "--node-name", name);
  }

  /** A server started with {@code serverArgs}; namespaces are {@code prefix1, prefix2, ...}. */
  static Cluster start(Path dataDir, String prefix, String... serverArgs) throws Exception {
    CapstanProcess capstan = CapstanProcess.start(dataDir, serverArgs);
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(capstan.kubeconfig()))).build();
    return new Cluster(capstan, client, prefix);
  }

  CapstanProcess capstan() {
    return capstan;
  }

  /** The newest kubectl of this machine, pointed at this server. */
  Kubectl kubectl() {
    return Kubectl.onThisMachine().getFirst().withKubeconfig(capstan.kubeconfig());
  }

  KubernetesClient client() {
    return client;
  }

  Kubectl kubectl(Kubectl template) {
    return template.withKubeconfig(capstan.kubeconfig());
  }

  /** Creates a namespace through kubectl and returns its name. */
  String namespace(Kubectl k) throws Exception {
    String ns = prefix + namespaces.incrementAndGet();
    k.ok("create", "namespace", ns);
    return ns;
  }

  Deployment deployment(String ns, String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  /** The namespace's ReplicaSets by revision, oldest first. */
  List<ReplicaSet> replicaSets(String ns) {
    return client.apps().replicaSets().inNamespace(ns).list().getItems().stream()
        .sorted(Comparator.comparingLong(rs -> Long.parseLong(rs.getMetadata().getAnnotations()
            .getOrDefault("deployment.kubernetes.io/revision", "0"))))
        .toList();
  }

  /** Spec sizes of the namespace's ReplicaSets by revision, oldest first. */
  List<Integer> sizes(String ns) {
    return replicaSets(ns).stream().map(rs -> rs.getSpec().getReplicas()).toList();
  }

  String log() {
    return capstan.log();
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
    capstan.close();
  }
}

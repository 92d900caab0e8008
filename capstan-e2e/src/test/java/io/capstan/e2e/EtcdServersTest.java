package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.store.etcd.EtcdProcess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers on one etcd (Debian's etcd-server, a private member on free ports): the state outlives
 * any server, every server serves it with the same credentials, and the controllers run on
 * exactly one of them at a time, moving when it dies.
 */
class EtcdServersTest {

  /** Short lease timings, so that a takeover happens within seconds. */
  private static final String[] FAST_ELECTION = {"--leader-elect-lease-duration", "3s",
      "--leader-elect-renew-deadline", "2s", "--leader-elect-retry-period", "500ms"};

  @TempDir
  Path dir;

  @Test
  void aBadEndpointIsAUsageError() throws Exception {
    CapstanProcess.Refusal refusal = CapstanProcess.refuse(dir,
        "--datastore-endpoint", "etcd://127.0.0.1:2379,,", "--disable-agent");
    assertThat(refusal.exitCode()).isEqualTo(2);
    assertThat(refusal.output()).contains("--datastore-endpoint 'etcd://127.0.0.1:2379,,'",
        "empty etcd endpoint");
  }

  @Test
  void theStateAndTheCredentialsOutliveAKilledServer() throws Exception {
    try (EtcdProcess etcd = startEtcd()) {
      String version;
      Path oldKubeconfig;
      try (CapstanProcess first = server(etcd, "first");
          KubernetesClient client = client(first.kubeconfig(), first.url())) {
        version = client.configMaps().resource(configMap("kept")).create()
            .getMetadata().getResourceVersion();
        oldKubeconfig = first.kubeconfig();
        first.kill();
      }
      // A new machine: an empty data directory, the same etcd.
      try (CapstanProcess second = server(etcd, "second");
          KubernetesClient client = client(oldKubeconfig, second.url())) {
        ConfigMap kept = client.configMaps().withName("kept").get();
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(kept.getData()).containsEntry("k", "kept");
        // The same CA, and the same join token for nodes.
        assertThat(Files.readString(second.caCertificate()))
            .isEqualTo(Files.readString(dir.resolve("first/tls/ca.crt")));
        assertThat(Files.readString(second.dataDir().resolve("node-token")))
            .isEqualTo(Files.readString(dir.resolve("first/node-token")));
      }
    }
  }

  @Test
  void twoServersServeTheSameStateAndTheControllersMoveWhenTheLeaderDies() throws Exception {
    try (EtcdProcess etcd = startEtcd();
        CapstanProcess a = server(etcd, "a", FAST_ELECTION);
        CapstanProcess b = server(etcd, "b", FAST_ELECTION);
        KubernetesClient viaA = client(a.kubeconfig(), a.url());
        KubernetesClient viaB = client(a.kubeconfig(), b.url())) {
      List<String> seenByB = new CopyOnWriteArrayList<>();
      try (Watch ignored = viaB.configMaps().watch(recorder(seenByB))) {
        viaA.configMaps().resource(configMap("shared")).create();
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(seenByB).contains("ADDED shared"));
      }
      assertThat(viaB.configMaps().withName("shared").get().getData()).containsEntry("k", "shared");
      // Service addresses are claimed in etcd: a node port taken through one server is taken.
      viaA.services().resource(nodePortService("one", 30080)).create();
      assertThatThrownBy(() -> viaB.services().resource(nodePortService("two", 30080)).create())
          .isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(422))
          .hasMessageContaining("provided port is already allocated");

      Map<String, CapstanProcess> byIdentity =
          Map.of(a.leaderIdentity(), a, b.leaderIdentity(), b);
      String holder = await().atMost(Duration.ofSeconds(60))
          .until(() -> holder(viaB), h -> h.isPresent() && byIdentity.containsKey(h.get()))
          .orElseThrow();
      assertThat(viaB.leases().inNamespace("kube-system").list().getItems())
          .extracting(l -> l.getMetadata().getName()).containsExactly("kube-controller-manager");
      CapstanProcess leader = byIdentity.get(holder);
      CapstanProcess follower = leader == a ? b : a;
      KubernetesClient viaFollower = leader == a ? viaB : viaA;
      await().atMost(Duration.ofSeconds(60))
          .until(() -> leader.log().contains("controller deployment started"));
      assertThat(follower.log()).doesNotContain("controller deployment started");

      leader.kill();
      viaFollower.apps().deployments().resource(deployment("after")).create();

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
          viaFollower.apps().replicaSets().withLabel("app", "after").list().getItems())
          .hasSize(1));
      assertThat(holder(viaFollower)).contains(follower.leaderIdentity());
    }
  }

  private static EtcdProcess startEtcd() throws Exception {
    Optional<Path> binary = EtcdProcess.findBinary();
    assumeTrue(binary.isPresent(), "no etcd on the PATH (Debian: apt-get install etcd-server)");
    return EtcdProcess.start(binary.get(), Files.createTempDirectory("capstan-etcd-"));
  }

  private CapstanProcess server(EtcdProcess etcd, String name, String... extra) throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve(name));
    List<String> args = new java.util.ArrayList<>(List.of(
        "--datastore-endpoint", etcd.endpoints(), "--disable-agent"));
    args.addAll(List.of(extra));
    return CapstanProcess.start(dataDir, args.toArray(String[]::new));
  }

  private static Optional<String> holder(KubernetesClient client) {
    Lease lease = client.leases().inNamespace("kube-system").withName("kube-controller-manager")
        .get();
    return lease == null ? Optional.empty()
        : Optional.ofNullable(lease.getSpec().getHolderIdentity());
  }

  /** A client with the credentials of {@code kubeconfig}, talking to {@code url}. */
  private static KubernetesClient client(Path kubeconfig, String url) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setMasterUrl(url);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static Watcher<ConfigMap> recorder(List<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(Map.of("k", name)).build();
  }

  private static Service nodePortService(String name, int nodePort) {
    return new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withType("NodePort").addToSelector("app", name)
        .addNewPort().withPort(80).withNodePort(nodePort).endPort().endSpec().build();
  }

  private static Deployment deployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}

package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drain filters against a server holding one pod of each kind kubectl treats specially: the
 * refusals, warnings and pods to evict for each combination of flags, in kubectl 1.32's words.
 */
class DrainPodsTest {

  private static final String NODE = "n1";

  @TempDir
  static Path home;
  private static ApiServer server;
  private static KubernetesClient client;
  private static Cluster cluster;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(server.url()).withRequestRetryBackoffLimit(0).build()).build();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("d")
        .endMetadata().build()).create();
    pod("managed", "ReplicaSet", false, false, "");
    pod("bare", null, false, false, "");
    pod("daemon", "DaemonSet", false, false, "");
    pod("scratch", "ReplicaSet", true, false, "");
    pod("mirror", null, false, true, "");
    pod("done", null, true, false, "Succeeded");
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        users: [{name: u, user: {}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """.formatted(server.url()));
    cluster = Cluster.connect(kubeconfig, Optional.empty(), Optional.empty(), false);
  }

  @AfterAll
  static void stop() {
    cluster.close();
    client.close();
    server.close();
  }

  private static void pod(String name, String controllerKind, boolean emptyDir, boolean mirror,
      String phase) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withNodeName(NODE)
        .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec();
    if (controllerKind != null) {
      pod.editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
          .withApiVersion("apps/v1").withKind(controllerKind).withName("owner")
          .withUid("u-" + name).withController(true).build()).endMetadata();
    }
    if (emptyDir) {
      pod.editSpec().addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
          .endSpec();
    }
    if (mirror) {
      pod.editMetadata().addToAnnotations(DrainPods.MIRROR_ANNOTATION, "x").endMetadata();
    }
    var created = client.pods().inNamespace("d").resource(pod.build()).create();
    if (!phase.isEmpty()) {
      client.pods().inNamespace("d").resource(new PodBuilder(created).withNewStatus()
          .withPhase(phase).endStatus().build()).updateStatus();
    }
  }

  record Case(String name, DrainPods.Options options, List<String> pods, String warnings,
      List<String> errors) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String daemonSetGone = "the server could not find the requested resource";
    return Stream.of(
        new Case("no flags", new DrainPods.Options(false, false, false, null),
            List.of("done", "managed"), "", List.of(
                "cannot delete " + daemonSetGone + ": d/daemon",
                "cannot delete cannot delete Pods that declare no controller (use --force to"
                    + " override): d/bare",
                "cannot delete Pods with local storage (use --delete-emptydir-data to"
                    + " override): d/scratch")),
        new Case("every override", new DrainPods.Options(true, true, true, null),
            List.of("bare", "daemon", "done", "managed", "scratch"),
            // As kubectl: a later filter that lets the pod go drops an earlier one's warning.
            "deleting Pods that declare no controller: d/bare", List.of()),
        new Case("pod selector", new DrainPods.Options(false, false, false, "app=none"),
            List.of(), "", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filtersAsKubectl(Case c) {
    DrainPods.Selection selection = new DrainPods(cluster, c.options()).forNode(NODE);
    assertThat(selection.pods()).extracting(p -> p.path("metadata").path("name").asString())
        .containsExactlyInAnyOrderElementsOf(c.pods());
    assertThat(selection.errors()).containsExactlyInAnyOrderElementsOf(c.errors());
    assertThat(List.of(selection.warnings().split("; ")))
        .containsExactlyInAnyOrderElementsOf(c.warnings().isEmpty() ? List.of("")
            : List.of(c.warnings().split("; ")));
  }

  @Test
  void podsOfOtherNodesAreNotTouched() {
    assertThat(new DrainPods(cluster, new DrainPods.Options(true, true, true, null))
        .forNode("elsewhere").pods()).isEmpty();
  }

  @Test
  void durationsPrintAsGo() {
    assertThat(GoDurations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDurations.format(Duration.ofSeconds(7))).isEqualTo("7s");
    assertThat(GoDurations.format(Duration.ofHours(2))).isEqualTo("2h0m0s");
    assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
  }
}

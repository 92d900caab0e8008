package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent reads ConfigMaps and Secrets as the Node authorizer requires: one watch per object its
 * pods reference, by name in the pod's namespace, opened for the first pod and closed with the
 * last. Every request the agent's client sends is recorded; one agent serves every test (each
 * with its own objects) to stay fast.
 */
class AgentConfigWatchTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String NS = AgentFixture.NAMESPACE;

  @TempDir
  static Path temp;

  private static ForbiddingServer forbidding;
  private static RequestRecorder recorder;
  private static AgentFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    forbidding = new ForbiddingServer();
    recorder = new RequestRecorder(forbidding.uri());
    fixture = new AgentFixture(temp, false);
    fixture.agentClient = recorder.client(fixture.server.url());
    fixture.startAgent();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
    forbidding.close();
  }

  @Test
  void readsConfigMapsAndSecretsOnlyByNameInThePodsNamespace() {
    createConfigMap("app-config", "v1");
    fixture.client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata()
        .withName("app-secret").endMetadata().addToStringData("token", "s3cret").build()).create();
    create(fixture.podBuilder("by-name", "Always", "sleep 60").editSpec()
        .addNewVolume().withName("cfg").withNewConfigMap().withName("app-config").endConfigMap()
        .endVolume()
        .editFirstContainer().addNewEnv().withName("TOKEN").withNewValueFrom()
        .withNewSecretKeyRef().withName("app-secret").withKey("token").endSecretKeyRef()
        .endValueFrom().endEnv().endContainer().endSpec());

    await().atMost(WAIT).until(() -> running("by-name"));

    List<RequestRecorder.Request> reads = recorder.requests().stream()
        .filter(r -> r.path().contains("/configmaps") || r.path().contains("/secrets"))
        .toList();
    assertThat(reads).allSatisfy(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.path()).matches("/api/v1/namespaces/[^/]+/(configmaps|secrets)(/[^/]+)?");
      if (r.path().endsWith("/configmaps") || r.path().endsWith("/secrets")) {
        assertThat(r.query()).contains("fieldSelector=metadata.name%3D");
      }
    });
    assertThat(reads).anySatisfy(r -> assertThat(r.toString()).contains(
        "/api/v1/namespaces/default/configmaps?").contains("watch=true")
        .contains("fieldSelector=metadata.name%3Dapp-config"));
    assertThat(reads).anySatisfy(r -> assertThat(r.toString()).contains(
        "/api/v1/namespaces/default/secrets?").contains("watch=true")
        .contains("fieldSelector=metadata.name%3Dapp-secret"));
  }

  @Test
  void updatesAConfigMapVolumeInPlace() throws Exception {
    createConfigMap("live-config", "first");
    Pod pod = create(fixture.podBuilder("live", "Always", "sleep 60").editSpec()
        .addNewVolume().withName("cfg").withNewConfigMap().withName("live-config").endConfigMap()
        .endVolume().endSpec());
    Path file = AgentFixture.config(temp).podsDir().resolve(pod.getMetadata().getUid())
        .resolve("volumes/kubernetes.io~configmap/cfg/value");
    await().atMost(WAIT).until(() -> running("live"));
    assertThat(Files.readString(file)).isEqualTo("first");
    String containerId = container("live").getContainerID();

    fixture.client.configMaps().inNamespace(NS).withName("live-config")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("value", "second").build());

    await().atMost(WAIT).until(() -> Files.readString(file).equals("second"));
    assertThat(container("live").getContainerID()).isEqualTo(containerId);
  }

  @Test
  void startsAPodOnceTheConfigMapOfItsVolumeExists() {
    create(fixture.podBuilder("waiting", "Always", "sleep 60").editSpec()
        .addNewVolume().withName("cfg").withNewConfigMap().withName("late-config").endConfigMap()
        .endVolume().endSpec());
    await().atMost(WAIT).until(() -> fixture.agent.configSource().watchedObjects()
        .contains(configMap("late-config")));
    await().atMost(WAIT).until(() -> fixture.client.v1().events().inNamespace(NS).list()
        .getItems().stream().anyMatch(e -> "FailedMount".equals(e.getReason())
            && "waiting".equals(e.getInvolvedObject().getName())));
    assertThat(running("waiting")).isFalse();

    createConfigMap("late-config", "here");

    await().atMost(WAIT).until(() -> running("waiting"));
  }

  @Test
  void closesAWatchWhenTheLastPodReferencingItGoes() {
    createConfigMap("shared-config", "x");
    for (String name : List.of("first-reader", "second-reader")) {
      create(fixture.podBuilder(name, "Always", "sleep 60").editSpec().editFirstContainer()
          .addNewEnvFrom().withNewConfigMapRef().withName("shared-config").endConfigMapRef()
          .endEnvFrom().endContainer().endSpec());
    }
    await().atMost(WAIT).until(() -> running("first-reader") && running("second-reader"));
    InformerConfigSource source = fixture.agent.configSource();
    ObjectWatch watch = source.watchOf(configMap("shared-config")).orElseThrow();
    assertThat(watch.isRunning()).isTrue();

    deleteAndAwaitGone("first-reader");
    assertThat(source.watchOf(configMap("shared-config"))).containsSame(watch);
    assertThat(watch.isRunning()).isTrue();

    deleteAndAwaitGone("second-reader");
    await().atMost(WAIT).until(() -> source.watchOf(configMap("shared-config")).isEmpty());
    assertThat(watch.isRunning()).isFalse();
  }

  @Test
  void releasesTheObjectsOfAPodThatFinished() {
    createConfigMap("job-config", "x");
    create(fixture.podBuilder("job", "Never", "exit 0").editSpec().editFirstContainer()
        .addNewEnvFrom().withNewConfigMapRef().withName("job-config").endConfigMapRef()
        .endEnvFrom().endContainer().endSpec());

    await().atMost(WAIT).until(() -> "Succeeded".equals(fixture.pod("job").getStatus()
        .getPhase()));
    await().atMost(WAIT).until(() -> !fixture.agent.configSource().watchedObjects()
        .contains(configMap("job-config")));
  }

  /** Which of an object's requests the server forbids for a while. */
  record Denial(String name, String object, Predicate<RequestRecorder.Request> requests) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Denial> denials() {
    return Stream.of(
        new Denial("every read", "guarded-config",
            r -> r.toString().contains("metadata.name%3Dguarded-config")),
        new Denial("only the watch", "watch-guarded-config",
            r -> r.toString().contains("metadata.name%3Dwatch-guarded-config")
                && r.query().contains("watch=true")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void retriesAForbiddenWatchUntilTheNodeMayReadTheObject(Denial denial) {
    String pod = denial.object().replace("-config", "");
    createConfigMap(denial.object(), "x");
    recorder.deny(denial.requests());
    create(fixture.podBuilder(pod, "Always", "sleep 60").editSpec().editFirstContainer()
        .addNewEnvFrom().withNewConfigMapRef().withName(denial.object()).endConfigMapRef()
        .endEnvFrom().endContainer().endSpec());

    await().atMost(WAIT).until(() -> recorder.denied().stream()
        .filter(r -> r.query().contains("metadata.name%3D" + denial.object())).count() >= 2);
    assertThat(running(pod)).isFalse();

    recorder.deny(r -> false);
    await().atMost(WAIT).until(() -> running(pod));
  }

  private static Pod create(PodBuilder pod) {
    return fixture.client.pods().inNamespace(NS).resource(pod.build()).create();
  }

  private static void createConfigMap(String name, String value) {
    fixture.client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName(name).endMetadata().addToData("value", value).build()).create();
  }

  private static ConfigObject configMap(String name) {
    return new ConfigObject(ConfigReferences.Kind.CONFIG_MAP, NS, name);
  }

  private static void deleteAndAwaitGone(String name) {
    fixture.client.pods().inNamespace(NS).withName(name).delete();
    await().atMost(WAIT).until(() -> fixture.pod(name) == null);
  }

  private static boolean running(String name) {
    ContainerStatus status = container(name);
    return status != null && status.getState() != null && status.getState().getRunning() != null;
  }

  private static ContainerStatus container(String name) {
    return Optional.ofNullable(fixture.pod(name)).map(Pod::getStatus)
        .map(s -> s.getContainerStatuses()).filter(l -> !l.isEmpty()).map(List::getFirst)
        .orElse(null);
  }
}

package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.ExecCapable;
import io.capstan.node.runtime.ImageCapable;
import io.capstan.node.runtime.RuntimeFailure;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubelet's image handling on a runtime with images: the process runtime behind an image store
 * kept here, whose pulls fail for images not yet "published". A failed pull leaves the container
 * waiting (ErrImagePull, then ImagePullBackOff) and is retried only after the back-off; once the
 * image can be pulled the container starts. {@code Never} with a missing image waits with
 * ErrImageNeverPull; a present image is used without a pull unless the policy is {@code Always}.
 */
class AgentImagePullTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path temp;

  private static AgentFixture fixture;
  private static final Set<String> present = ConcurrentHashMap.newKeySet();
  private static final Set<String> published = ConcurrentHashMap.newKeySet();
  private static final List<Pull> pulls = new CopyOnWriteArrayList<>();

  private record Pull(String image, Instant at) {}

  @BeforeAll
  static void start() throws Exception {
    present.add("local/present:1");
    fixture = new AgentFixture(temp, false);
    fixture.startAgent(AgentImagePullTest::withImages);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void failedPullsBackOffAndTheContainerStartsOnceThePullWorks() {
    String image = "registry.example/late:1";
    create("late", image, "IfNotPresent");

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(waiting("late").getReason()).isEqualTo("ImagePullBackOff"));
    assertThat(waiting("late").getMessage()).isEqualTo("Back-off pulling image \"" + image + "\"");
    await().atMost(WAIT).until(() -> attempts(image).size() >= 2);
    List<Instant> attempts = attempts(image);
    assertThat(Duration.between(attempts.get(0), attempts.get(1)))
        .as("the second pull waits for the back-off (1 s here)")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    await().atMost(WAIT).untilAsserted(() -> assertThat(messages("late")).contains(
        "Pulling image \"" + image + "\"", "Failed to pull image \"" + image + "\": unreachable",
        "Error: ErrImagePull", "Back-off pulling image \"" + image + "\""));

    published.add(image);
    await().atMost(WAIT).until(() -> running("late"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(messages("late"))
        .anyMatch(m -> m.startsWith("Successfully pulled image \"" + image + "\" in ")));
  }

  @Test
  void neverWithAMissingImageWaits() {
    create("never", "registry.example/absent:1", "Never");
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(waiting("never").getReason()).isEqualTo("ErrImageNeverPull");
      assertThat(waiting("never").getMessage()).isEqualTo("Container image "
          + "\"registry.example/absent:1\" is not present with pull policy of Never");
    });
    assertThat(attempts("registry.example/absent:1")).isEmpty();
  }

  @Test
  void presentImagesArePulledOnlyWithAlways() {
    create("present", "local/present:1", "IfNotPresent");
    await().atMost(WAIT).until(() -> running("present"));
    assertThat(attempts("local/present:1")).isEmpty();

    published.add("local/present:1");
    create("always", "local/present:1", "Always");
    await().atMost(WAIT).until(() -> running("always"));
    assertThat(attempts("local/present:1")).hasSize(1);
  }

  private static void create(String name, String image, String policy) {
    Pod pod = new PodBuilder(fixture.podBuilder(name, "Always", "sleep 60").build()).editSpec()
        .editFirstContainer().withImage(image).withImagePullPolicy(policy).endContainer()
        .endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();
  }

  private static ContainerStateWaiting waiting(String name) {
    return fixture.pod(name).getStatus().getContainerStatuses().getFirst().getState().getWaiting();
  }

  private static boolean running(String name) {
    var statuses = fixture.pod(name).getStatus().getContainerStatuses();
    return statuses != null && !statuses.isEmpty()
        && statuses.getFirst().getState().getRunning() != null;
  }

  private static List<Instant> attempts(String image) {
    return pulls.stream().filter(p -> p.image().equals(image)).map(Pull::at).toList();
  }

  /** The process runtime, plus an image store: present images, pulls that work once published. */
  private static ContainerRuntime withImages(ContainerRuntime runtime) {
    ImageCapable images = (image, policy) -> {
      if (!policy.equals("Always") && present.contains(image)) {
        return new ImageCapable.PulledImage(image, false);
      }
      if (policy.equals("Never")) {
        throw new RuntimeFailure("ErrImageNeverPull", "Container image \"" + image
            + "\" is not present with pull policy of Never");
      }
      pulls.add(new Pull(image, Instant.now()));
      if (!published.contains(image)) {
        throw new RuntimeFailure("ErrImagePull", "Failed to pull image \"" + image
            + "\": unreachable");
      }
      present.add(image);
      return new ImageCapable.PulledImage(image, true);
    };
    return (ContainerRuntime) Proxy.newProxyInstance(AgentImagePullTest.class.getClassLoader(),
        new Class<?>[] {ContainerRuntime.class, ExecCapable.class, ImageCapable.class},
        (proxy, method, args) -> {
          Object target = method.getDeclaringClass() == ImageCapable.class ? images : runtime;
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The messages of the events about pod {@code name} (written asynchronously). */
  private static List<String> messages(String name) {
    return fixture.client.v1().events().inNamespace(AgentFixture.NAMESPACE).list().getItems()
        .stream().filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(e -> e.getMessage()).toList();
  }
}

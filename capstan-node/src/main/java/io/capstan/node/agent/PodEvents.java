package io.capstan.node.agent;

import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.EventType;
import io.capstan.node.probe.ProbeType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The kubelet's events about the pods it runs, with kubelet 1.32's reasons, types and wording
 * ({@code pkg/kubelet/events} and where {@code kuberuntime}, the prober and the volume manager
 * record them). Container events name the container by the reference's fieldPath
 * ({@code spec.containers{app}}), as {@code kubectl describe pod} shows them; the source is
 * component {@code kubelet} on this node.
 *
 * <p>Events are best-effort, as client-go's broadcaster makes them: the {@link EventRecorder}
 * queues them and writes them from one thread, so a slow or failing API never holds up a pod sync;
 * a full queue drops the event and a failed write is only logged. Repeats of the same event
 * aggregate into its {@code count}.
 */
final class PodEvents implements AutoCloseable {

  static final String COMPONENT = "kubelet";
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final EventRecorder recorder;
  private volatile boolean closed;

  PodEvents(KubernetesClient client, String nodeName, Clock clock) {
    this(new EventRecorder(client, COMPONENT, nodeName, clock));
  }

  PodEvents(EventRecorder recorder) {
    this.recorder = recorder;
  }

  /** The kubelet's {@code Pulled} for an image already present. */
  void pulled(Pod pod, Container spec) {
    container(pod, spec.getName(), EventType.NORMAL, "Pulled",
        "Container image \"" + (spec.getImage() == null ? "" : spec.getImage())
            + "\" already present on machine");
  }

  void pulling(Pod pod, String container, String image) {
    container(pod, container, EventType.NORMAL, "Pulling", "Pulling image \"" + image + "\"");
  }

  void pulledNow(Pod pod, String container, String image, Duration took) {
    container(pod, container, EventType.NORMAL, "Pulled", "Successfully pulled image \"" + image
        + "\" in " + GoDurations.format(took));
  }

  /** A failed pull: {@code Failed} with the runtime's message (kubelet's image manager). */
  void pullFailed(Pod pod, String container, String message) {
    container(pod, container, EventType.WARNING, "Failed", message);
  }

  /** {@code ErrImageNeverPull}: the image is missing and the policy forbids pulling it. */
  void neverPull(Pod pod, String container, String message) {
    container(pod, container, EventType.WARNING, "ErrImageNeverPull", message);
  }

  void pullBackOff(Pod pod, String container, String image) {
    container(pod, container, EventType.NORMAL, "BackOff", "Back-off pulling image \"" + image
        + "\"");
  }

  void created(Pod pod, String container) {
    container(pod, container, EventType.NORMAL, "Created", "Created container: " + container);
  }

  void started(Pod pod, String container) {
    container(pod, container, EventType.NORMAL, "Started", "Started container " + container);
  }

  /** A container could not be created or started: a config error or a runtime failure. */
  void failed(Pod pod, String container, String error) {
    container(pod, container, EventType.WARNING, "Failed", "Error: " + error);
  }

  /** {@code message} is why, else the kubelet's default {@code Stopping container NAME}. */
  void killing(Pod pod, String container, String message) {
    container(pod, container, EventType.NORMAL, "Killing", message);
  }

  void stopping(Pod pod, String container) {
    killing(pod, container, "Stopping container " + container);
  }

  void backOff(Pod pod, String container) {
    container(pod, container, EventType.WARNING, "BackOff", "Back-off restarting failed container "
        + container + " in pod " + podName(pod));
  }

  void unhealthy(Pod pod, String container, ProbeType type, String output) {
    container(pod, container, EventType.WARNING, "Unhealthy", probeName(type) + " probe failed: "
        + output);
  }

  /** The kubelet leaves the hook's output out of the event, so no secret leaks through it. */
  void failedPostStartHook(Pod pod, String container) {
    container(pod, container, EventType.WARNING, "FailedPostStartHook", "PostStartHook failed");
  }

  void failedPreStopHook(Pod pod, String container) {
    container(pod, container, EventType.WARNING, "FailedPreStopHook", "PreStopHook failed");
  }

  /** A volume could not be set up; {@code message} is {@code MountVolume.SetUp failed ...}. */
  void failedMount(Pod pod, String message) {
    write(reference(pod).build(), EventType.WARNING, "FailedMount", message);
  }

  private void container(Pod pod, String container, EventType type, String reason,
      String message) {
    boolean init = PodRecord.initContainers(pod).stream()
        .anyMatch(c -> c.getName().equals(container));
    String fieldPath = (init ? "spec.initContainers{" : "spec.containers{") + container + "}";
    write(reference(pod).withFieldPath(fieldPath).build(), type, reason, message);
  }

  private void write(ObjectReference involved, EventType type, String reason, String message) {
    if (!closed) {
      recorder.record(involved, type, reason, message);
    }
  }

  /** The kubelet's reference to a pod: its identity and the version it saw. */
  private static ObjectReferenceBuilder reference(Pod pod) {
    return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
        .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid())
        .withResourceVersion(pod.getMetadata().getResourceVersion());
  }

  /** The kubelet's {@code format.Pod}: {@code name_namespace(uid)}. */
  private static String podName(Pod pod) {
    return pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
        + pod.getMetadata().getUid() + ")";
  }

  private static String probeName(ProbeType type) {
    return switch (type) {
      case READINESS -> "Readiness";
      case LIVENESS -> "Liveness";
      case STARTUP -> "Startup";
    };
  }

  /** Writes what is queued (at most {@link #FLUSH_TIMEOUT}), then takes no more events. */
  @Override
  public void close() {
    closed = true;
    recorder.flush(FLUSH_TIMEOUT);
  }
}

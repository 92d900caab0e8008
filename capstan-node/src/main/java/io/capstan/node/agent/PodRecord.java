package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent knows about one pod it runs: its sandbox, address, volumes and one
 * {@link ContainerRecord} per container. Owned by the pod's worker; the log locator and probe
 * listener only read or flip volatile fields.
 */
final class PodRecord {

  final String uid;
  final String namespace;
  final String name;
  final Path logDirectory;
  volatile Pod pod;
  Optional<String> sandboxId = Optional.empty();
  int sandboxAttempt;
  Optional<String> podIp = Optional.empty();
  Optional<Map<String, Path>> volumes = Optional.empty();
  Instant startTime;
  List<PodCondition> conditions = List.of();
  Optional<PodStatus> lastWritten = Optional.empty();
  /** The pod reached Succeeded or Failed and its sandbox is gone; its status is final. */
  boolean terminal;
  /** The pod's containers are stopped and its resources released (deletion in progress). */
  boolean killed;
  /** The final DELETE went through: what remains is the pod's DELETED event. */
  boolean deletedFinally;
  volatile boolean refreshVolumes;
  final Map<String, ContainerRecord> containers = new LinkedHashMap<>();

  PodRecord(Pod pod, Path logsRoot, Instant now) {
    this.uid = pod.getMetadata().getUid();
    this.namespace = pod.getMetadata().getNamespace();
    this.name = pod.getMetadata().getName();
    this.logDirectory = logsRoot.resolve(namespace + "_" + name + "_" + uid);
    this.pod = pod;
    this.startTime = now;
    for (Container container : initContainers(pod)) {
      containers.put(container.getName(), new ContainerRecord(container.getName(), true));
    }
    for (Container container : pod.getSpec().getContainers()) {
      containers.put(container.getName(), new ContainerRecord(container.getName(), false));
    }
  }

  static List<Container> initContainers(Pod pod) {
    return pod.getSpec().getInitContainers() == null ? List.of()
        : pod.getSpec().getInitContainers();
  }

  ContainerRecord container(String containerName) {
    return containers.get(containerName);
  }

  Optional<ContainerRecord> byId(String containerId) {
    return containers.values().stream()
        .filter(c -> c.id.isPresent() && c.id.get().equals(containerId)).findFirst();
  }

  List<ContainerRecord> runningContainers() {
    List<ContainerRecord> running = new ArrayList<>();
    for (ContainerRecord container : containers.values()) {
      if (container.running.isPresent() && container.id.isPresent()) {
        running.add(container);
      }
    }
    return running;
  }

  /** The log file of a container's run {@code attempt}. */
  Path logFile(String containerName, int attempt) {
    return logDirectory.resolve(containerName).resolve(attempt + ".log");
  }

  String key() {
    return namespace + "/" + name;
  }
}

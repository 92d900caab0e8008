package io.capstan.apiserver.resources.podlog;

import io.capstan.apiserver.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where a pod's container log is: which container a request means, whether it has a log yet, and
 * which node endpoint serves it. The messages are upstream's, word for word, because users and
 * scripts match on them.
 */
public final class PodLogLocation {

  private PodLogLocation() {}

  /** A node's log endpoint. */
  public record NodeEndpoint(String host, int port) {}

  /**
   * The container a request names, or the only one; 400 otherwise, listing init, regular and
   * ephemeral containers in that order as {@code podutil.VisitContainers} does.
   */
  public static String container(JsonNode pod, Optional<String> requested) {
    String podName = pod.path("metadata").path("name").asString("");
    JsonNode spec = pod.path("spec");
    if (requested.isPresent()) {
      if (!allContainerNames(spec).contains(requested.get())) {
        throw ApiException.badRequest("container " + requested.get() + " is not valid for pod "
            + podName);
      }
      return requested.get();
    }
    JsonNode containers = spec.path("containers");
    if (containers.size() == 1) {
      return containers.get(0).path("name").asString("");
    }
    if (containers.isEmpty()) {
      throw ApiException.badRequest("a container name must be specified for pod " + podName);
    }
    throw ApiException.badRequest("a container name must be specified for pod " + podName
        + ", choose one of: [" + String.join(" ", allContainerNames(spec)) + "]");
  }

  /**
   * Refuses a container that has no log to show, from the pod's status as kubelet's
   * {@code validateContainerLogStatus} does; the text is kubelet's, which the API server passes
   * on as a 400.
   */
  public static void requireLog(JsonNode pod, String container, boolean previous) {
    String podName = pod.path("metadata").path("name").asString("");
    JsonNode status = findStatus(pod.path("status"), container).orElseThrow(() ->
        ApiException.badRequest("container \"" + container + "\" in pod \"" + podName
            + "\" is not available"));
    JsonNode state = status.path("state");
    JsonNode lastTerminated = status.path("lastState").path("terminated");
    String quoted = "container \"" + container + "\" in pod \"" + podName + "\"";
    if (previous) {
      if (!lastTerminated.isObject() || lastTerminated.path("containerID").asString("").isEmpty()) {
        throw ApiException.badRequest("previous terminated " + quoted + " not found");
      }
      return;
    }
    if (state.path("running").isObject()) {
      return;
    }
    JsonNode terminated = state.path("terminated");
    if (terminated.isObject()) {
      if (terminated.path("containerID").asString("").isEmpty()
          && lastTerminated.path("containerID").asString("").isEmpty()) {
        throw ApiException.badRequest(quoted + " is terminated");
      }
      return;
    }
    if (lastTerminated.isObject()) {
      if (lastTerminated.path("containerID").asString("").isEmpty()) {
        throw ApiException.badRequest(quoted + " is terminated");
      }
      return;
    }
    JsonNode waiting = state.path("waiting");
    if (waiting.isObject()) {
      String reason = waiting.path("reason").asString("");
      throw ApiException.badRequest(quoted + " is waiting to start: " + switch (reason) {
        case "ErrImagePull" -> "image can't be pulled";
        case "ImagePullBackOff" -> "trying and failing to pull image";
        default -> reason;
      });
    }
    throw ApiException.badRequest(quoted + " is waiting to start - no logs yet");
  }

  /**
   * The node's log endpoint: its InternalIP, else its Hostname, and the port it reports in
   * {@code status.daemonEndpoints.kubeletEndpoint}; a node without a port (a simulated one) has
   * no endpoint.
   */
  public static NodeEndpoint endpoint(JsonNode node, String podName) {
    JsonNode addresses = node.path("status").path("addresses");
    Optional<String> host = address(addresses, "InternalIP").or(() -> address(addresses,
        "Hostname"));
    int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port")
        .asInt(0);
    if (port <= 0) {
      throw ApiException.badRequest("pod \"" + podName + "\" is running on a node without a log "
          + "endpoint");
    }
    List<String> known = new ArrayList<>();
    for (JsonNode a : addresses) {
      known.add("{" + a.path("type").asString("") + " " + a.path("address").asString("") + "}");
    }
    return new NodeEndpoint(host.orElseThrow(() -> ApiException.internal(
        "no preferred addresses found; known addresses: [" + String.join(" ", known) + "]")),
        port);
  }

  private static Optional<String> address(JsonNode addresses, String type) {
    for (JsonNode a : addresses) {
      if (a.path("type").asString("").equals(type) && !a.path("address").asString("").isEmpty()) {
        return Optional.of(a.path("address").asString(""));
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> findStatus(JsonNode status, String container) {
    for (String field : List.of("containerStatuses", "initContainerStatuses",
        "ephemeralContainerStatuses")) {
      for (JsonNode s : status.path(field)) {
        if (s.path("name").asString("").equals(container)) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> allContainerNames(JsonNode spec) {
    List<String> names = new ArrayList<>();
    for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
      for (JsonNode c : spec.path(field)) {
        names.add(c.path("name").asString(""));
      }
    }
    return names;
  }
}

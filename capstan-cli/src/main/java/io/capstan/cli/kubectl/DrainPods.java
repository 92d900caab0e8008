package io.capstan.cli.kubectl;

import io.capstan.apiserver.errors.GoQuote;
import io.capstan.apiserver.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code GetPodsForDeletion}: the pods on a node, each run through the drain filters in
 * kubectl's order (DaemonSet, mirror, local storage, unreplicated). A filter either lets the pod
 * go (perhaps with a warning), skips it, or refuses it; refusals are grouped by message into the
 * errors that stop the drain, and warnings into one line.
 */
final class DrainPods {

  static final String DAEMON_SET_FATAL =
      "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
  static final String DAEMON_SET_WARNING = "ignoring DaemonSet-managed Pods";
  static final String LOCAL_STORAGE_FATAL =
      "Pods with local storage (use --delete-emptydir-data to override)";
  static final String LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
  static final String UNMANAGED_FATAL =
      "cannot delete Pods that declare no controller (use --force to override)";
  static final String UNMANAGED_WARNING = "deleting Pods that declare no controller";
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  /** What the drain flags allow. */
  record Options(boolean force, boolean ignoreDaemonSets, boolean deleteEmptyDirData,
      String podSelector) {}

  private enum Verdict { OKAY, SKIP, WARNING, ERROR }

  private record Status(boolean delete, Verdict verdict, String message) {
    static final Status OKAY = new Status(true, Verdict.OKAY, "");
    static final Status SKIP = new Status(false, Verdict.SKIP, "");

    static Status warning(boolean delete, String message) {
      return new Status(delete, Verdict.WARNING, message);
    }

    static Status error(String message) {
      return new Status(false, Verdict.ERROR, message);
    }
  }

  /** The pods to evict, the warning line (empty for none) and the refusals. */
  record Selection(List<JsonNode> pods, String warnings, List<String> errors) {}

  private final Cluster cluster;
  private final Options options;

  DrainPods(Cluster cluster, Options options) {
    this.cluster = cluster;
    this.options = options;
  }

  Selection forNode(String node) {
    String path = DescribeSource.withFields("/api/v1/pods", "spec.nodeName=" + node);
    if (options.podSelector() != null && !options.podSelector().isEmpty()) {
      path += "&labelSelector=" + URLEncoder.encode(options.podSelector(),
          StandardCharsets.UTF_8);
    }
    Cluster.Reply reply = cluster.get(path, Cluster.JSON);
    if (!reply.ok()) {
      throw new KubectlError(ServerErrors.describe(reply));
    }
    List<JsonNode> pods = new ArrayList<>();
    Map<String, List<String>> warnings = new LinkedHashMap<>();
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (JsonNode pod : Json.MAPPER.readTree(reply.body()).path("items")) {
      Status status = filter(pod);
      String ref = pod.path("metadata").path("namespace").asString("") + "/"
          + pod.path("metadata").path("name").asString("");
      if (status.delete()) {
        pods.add(pod);
      }
      if (status.verdict() == Verdict.WARNING) {
        warnings.computeIfAbsent(status.message(), m -> new ArrayList<>()).add(ref);
      } else if (status.verdict() == Verdict.ERROR) {
        errors.computeIfAbsent(status.message().isEmpty() ? "unexpected error"
            : status.message(), m -> new ArrayList<>()).add(ref);
      }
    }
    List<String> warningLines = new ArrayList<>();
    warnings.forEach((msg, refs) -> warningLines.add(msg + ": " + String.join(", ", refs)));
    List<String> errorLines = new ArrayList<>();
    // kubectl 1.32 prefixes every message, so the unmanaged one reads "cannot delete cannot
    // delete Pods ..."; kept for identical output.
    errors.forEach((msg, refs) -> errorLines.add("cannot delete " + msg + ": "
        + String.join(", ", refs)));
    return new Selection(pods, String.join("; ", warningLines), errorLines);
  }

  /** The filters in kubectl's order; the first that does not let the pod go decides. */
  private Status filter(JsonNode pod) {
    Status status = Status.OKAY;
    for (var filter : List.<java.util.function.Function<JsonNode, Status>>of(
        this::daemonSet, DrainPods::mirror, this::localStorage, this::unreplicated)) {
      status = filter.apply(pod);
      if (!status.delete()) {
        break;
      }
    }
    return status;
  }

  private Status daemonSet(JsonNode pod) {
    JsonNode controller = controllerOf(pod);
    if (controller == null || !controller.path("kind").asString("").equals("DaemonSet")) {
      return Status.OKAY;
    }
    if (finished(pod)) {
      return Status.OKAY;
    }
    Cluster.Reply reply = cluster.get("/apis/apps/v1/namespaces/"
        + pod.path("metadata").path("namespace").asString("") + "/daemonsets/"
        + controller.path("name").asString(""), Cluster.JSON);
    if (!reply.ok()) {
      String message = statusMessage(reply);
      return reply.code() == 404 && options.force()
          ? Status.warning(true, message) : Status.error(message);
    }
    return options.ignoreDaemonSets() ? Status.warning(false, DAEMON_SET_WARNING)
        : Status.error(DAEMON_SET_FATAL);
  }

  private static Status mirror(JsonNode pod) {
    return pod.path("metadata").path("annotations").has(MIRROR_ANNOTATION)
        ? Status.SKIP : Status.OKAY;
  }

  private Status localStorage(JsonNode pod) {
    boolean emptyDir = false;
    for (JsonNode volume : pod.path("spec").path("volumes")) {
      emptyDir |= volume.has("emptyDir") && !volume.get("emptyDir").isNull();
    }
    if (!emptyDir || finished(pod)) {
      return Status.OKAY;
    }
    return options.deleteEmptyDirData() ? Status.warning(true, LOCAL_STORAGE_WARNING)
        : Status.error(LOCAL_STORAGE_FATAL);
  }

  private Status unreplicated(JsonNode pod) {
    if (finished(pod) || controllerOf(pod) != null) {
      return Status.OKAY;
    }
    return options.force() ? Status.warning(true, UNMANAGED_WARNING)
        : Status.error(UNMANAGED_FATAL);
  }

  private static boolean finished(JsonNode pod) {
    String phase = pod.path("status").path("phase").asString("");
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  private static JsonNode controllerOf(JsonNode pod) {
    for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
      if (owner.path("controller").asBoolean(false)) {
        return owner;
      }
    }
    return null;
  }

  /** The message of a failed request, as client-go's StatusError prints it. */
  static String statusMessage(Cluster.Reply reply) {
    try {
      String message = Json.MAPPER.readTree(reply.body()).path("message").asString("");
      if (!message.isEmpty()) {
        return message;
      }
    } catch (RuntimeException notJson) {
      // Fall through to the body itself.
    }
    return "the server responded with the status code " + reply.code()
        + " but did not return more information " + GoQuote.quote(reply.body().strip());
  }
}

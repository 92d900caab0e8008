package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kubectl's {@code DeleteOrEvictPods}: each pod is evicted on its own (a 429 from its disruption
 * budget is retried every five seconds) and then awaited until it is gone; with eviction
 * disabled, or a server without the eviction subresource, the pods are deleted instead. A
 * timeout of zero waits without end.
 */
final class PodEvictions {

  /** How long kubectl waits before asking again when a disruption budget said no. */
  static final Duration RETRY = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofSeconds(1);

  private final Cluster cluster;
  private final PrintWriter out;
  private final PrintWriter err;
  private final long gracePeriodSeconds;
  private final Duration timeout;
  private final boolean serverDryRun;

  PodEvictions(Cluster cluster, PrintWriter out, PrintWriter err, long gracePeriodSeconds,
      Duration timeout, boolean serverDryRun) {
    this.cluster = cluster;
    this.out = out;
    this.err = err;
    this.gracePeriodSeconds = gracePeriodSeconds;
    this.timeout = timeout;
    this.serverDryRun = serverDryRun;
  }

  /** Evicts (or deletes) the pods; the errors, one per pod that did not go. */
  List<String> run(List<JsonNode> pods, boolean disableEviction) throws InterruptedException {
    if (pods.isEmpty()) {
      return List.of();
    }
    Instant deadline = timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
    if (disableEviction || !evictionSupported()) {
      return delete(pods, deadline);
    }
    List<String> errors = new ArrayList<>();
    try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (JsonNode pod : pods) {
        results.add(each.submit(() -> evict(pod, deadline)));
      }
      for (Future<String> result : results) {
        try {
          String error = result.get();
          if (error != null) {
            errors.add(error);
          }
        } catch (java.util.concurrent.ExecutionException e) {
          errors.add(e.getCause().getMessage());
        }
      }
    }
    return errors;
  }

  /** {@code CheckEvictionSupport}: whether discovery lists {@code pods/eviction}. */
  private boolean evictionSupported() {
    Cluster.Reply reply = cluster.get("/api/v1", Cluster.JSON);
    if (!reply.ok()) {
      throw new KubectlError(ServerErrors.describe(reply));
    }
    for (JsonNode resource : Json.MAPPER.readTree(reply.body()).path("resources")) {
      if (resource.path("name").asString("").equals("pods/eviction")
          && resource.path("kind").asString("").equals("Eviction")
          && !resource.path("group").asString("").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** One pod's eviction and wait; null when it went, else kubectl's error for it. */
  private String evict(JsonNode pod, Instant deadline) throws InterruptedException {
    String name = pod.path("metadata").path("name").asString("");
    String namespace = pod.path("metadata").path("namespace").asString("");
    String target = "pods/\"" + name + "\" -n \"" + namespace + "\"";
    while (true) {
      out.println("evicting pod " + namespace + "/" + name
          + (serverDryRun ? " (server dry run)" : ""));
      out.flush();
      if (Instant.now().isAfter(deadline)) {
        return "error when evicting " + target + ": global timeout reached: "
            + GoDurations.format(timeout);
      }
      Cluster.Reply reply = cluster.send("POST", podPath(namespace, name) + "/eviction"
          + dryRunQuery(), Cluster.JSON, eviction(namespace, name), Cluster.JSON);
      if (reply.ok()) {
        break;
      }
      if (reply.code() == 404) {
        return null;
      }
      if (reply.code() != 429) {
        return "error when evicting " + target + ": " + DrainPods.statusMessage(reply);
      }
      err.println("error when evicting " + target + " (will retry after 5s): "
          + DrainPods.statusMessage(reply));
      err.flush();
      Thread.sleep(RETRY);
    }
    if (serverDryRun) {
      return null;
    }
    String uid = pod.path("metadata").path("uid").asString("");
    if (!awaitGone(namespace, name, uid, deadline)) {
      return "error when waiting for pod \"" + name + "\" in namespace \"" + namespace
          + "\" to terminate: global timeout reached: " + GoDurations.format(timeout);
    }
    out.println("pod/" + name + " evicted");
    out.flush();
    return null;
  }

  /** kubectl's {@code deletePods}: every pod deleted, then all awaited. */
  private List<String> delete(List<JsonNode> pods, Instant deadline)
      throws InterruptedException {
    for (JsonNode pod : pods) {
      String name = pod.path("metadata").path("name").asString("");
      String namespace = pod.path("metadata").path("namespace").asString("");
      Cluster.Reply reply = cluster.send("DELETE", podPath(namespace, name) + dryRunQuery(),
          Cluster.JSON, deleteOptions().toString(), Cluster.JSON);
      if (!reply.ok() && reply.code() != 404) {
        throw new KubectlError("error: " + DrainPods.statusMessage(reply));
      }
    }
    if (serverDryRun) {
      return List.of();
    }
    for (JsonNode pod : pods) {
      String name = pod.path("metadata").path("name").asString("");
      if (!awaitGone(pod.path("metadata").path("namespace").asString(""), name,
          pod.path("metadata").path("uid").asString(""), deadline)) {
        return List.of("error: global timeout reached: " + GoDurations.format(timeout));
      }
      out.println("pod/" + name + " deleted");
      out.flush();
    }
    return List.of();
  }

  /** Polls until the pod is gone or replaced by one of another uid; false on the deadline. */
  private boolean awaitGone(String namespace, String name, String uid, Instant deadline)
      throws InterruptedException {
    while (true) {
      Cluster.Reply reply = cluster.get(podPath(namespace, name), Cluster.JSON);
      if (reply.code() == 404 || (reply.ok() && !uid.equals(Json.MAPPER.readTree(reply.body())
          .path("metadata").path("uid").asString("")))) {
        return true;
      }
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(POLL);
    }
  }

  private String eviction(String namespace, String name) {
    ObjectNode eviction = Json.object();
    eviction.put("apiVersion", "policy/v1");
    eviction.put("kind", "Eviction");
    eviction.putObject("metadata").put("name", name).put("namespace", namespace);
    eviction.set("deleteOptions", deleteOptions());
    return eviction.toString();
  }

  /** {@code makeDeleteOptions}: the grace period only when one was given. */
  private ObjectNode deleteOptions() {
    ObjectNode options = Json.object();
    if (gracePeriodSeconds >= 0) {
      options.put("gracePeriodSeconds", gracePeriodSeconds);
    }
    return options;
  }

  private String dryRunQuery() {
    return serverDryRun ? "?dryRun=All" : "";
  }

  private static String podPath(String namespace, String name) {
    return "/api/v1/namespaces/" + namespace + "/pods/" + name;
  }
}

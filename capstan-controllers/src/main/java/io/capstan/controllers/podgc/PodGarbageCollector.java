package io.capstan.controllers.podgc;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-controller-manager's pod garbage collector. Every {@link #CHECK_PERIOD} (and whenever a
 * Node goes) it deletes, with a grace period of 0:
 *
 * <ul>
 *   <li>terminated pods beyond the threshold ({@code --terminated-pod-gc-threshold}, 12500;
 *       0 turns this off), evicted and then oldest first;
 *   <li>pods bound to a Node that no longer exists: once the Node has been missing from the cache
 *       for the quarantine (40 s, so a Node being re-created or a cache lagging behind is not
 *       mistaken for a gone one) and a read from the API confirms it is gone. A pod still running
 *       there is first marked {@code Failed} with condition {@code DisruptionTarget}
 *       ({@code DeletionByPodGC}), as Kubernetes does;
 *   <li>terminating pods on a not-Ready Node tainted {@code node.kubernetes.io/out-of-service}
 *       (the administrator's word that the machine is off), and terminating pods never scheduled.
 * </ul>
 *
 * <p>A forced deletion carries the pod's uid as a precondition, so a new pod of the same name is
 * never deleted in its place.
 */
public final class PodGarbageCollector implements Reconciler {

  public static final String NAME = "pod-garbage-collector";
  public static final int DEFAULT_TERMINATED_THRESHOLD = 12_500;
  static final Duration CHECK_PERIOD = Duration.ofSeconds(20);
  static final Duration QUARANTINE = Duration.ofSeconds(40);

  private static final Logger LOG = LoggerFactory.getLogger(PodGarbageCollector.class);
  private static final String KEY = "pods";

  private final KubernetesClient client;
  private final Clock clock;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Node> nodes;
  private final int terminatedThreshold;
  private final Duration quarantine;
  private final Duration period;
  /** Nodes that pods name but the cache lacks, and since when; touched by the one worker. */
  private final Map<String, Instant> missingSince = new HashMap<>();

  PodGarbageCollector(KubernetesClient client, Clock clock, SharedIndexInformer<Pod> pods,
      SharedIndexInformer<Node> nodes, int terminatedThreshold, Duration quarantine,
      Duration period) {
    this.client = client;
    this.clock = clock;
    this.pods = pods;
    this.nodes = nodes;
    this.terminatedThreshold = terminatedThreshold;
    this.quarantine = quarantine;
    this.period = period;
  }

  /** The collector over shared informers, ready to {@link Controller#start()}. */
  public static Controller create(KubernetesClient client, SharedInformers informers,
      Clock clock, Scheduler scheduler, int terminatedThreshold) {
    return create(client, informers, clock, scheduler, terminatedThreshold, QUARANTINE,
        CHECK_PERIOD);
  }

  static Controller create(KubernetesClient client, SharedInformers informers, Clock clock,
      Scheduler scheduler, int terminatedThreshold, Duration quarantine, Duration period) {
    SharedIndexInformer<Pod> pods = informers.of(Pod.class);
    SharedIndexInformer<Node> nodes = informers.of(Node.class);
    Controller controller = Controller.builder("pod-gc", new PodGarbageCollector(client, clock,
            pods, nodes, terminatedThreshold, quarantine, period))
        // One sweep over the caches per round, as Kubernetes' gc(): a Node's events (its going
        // above all) start one early; pod events would only repeat it.
        .watch(nodes, node -> List.of(KEY))
        .watch(pods, pod -> List.of())
        .workers(1)
        .time(clock, scheduler)
        .backoff(Duration.ofMillis(200), CHECK_PERIOD)
        .build();
    controller.queue().add(KEY);
    return controller;
  }

  @Override
  public Result reconcile(String key) {
    List<Pod> all = pods.getStore().list();
    for (Pod pod : PodGcChoices.terminatedOverThreshold(all, terminatedThreshold)) {
      forceDelete(pod, Optional.empty(), "terminated pods over the threshold "
          + terminatedThreshold);
    }
    Optional<Instant> nextOrphanCheck = deleteOrphans(all);
    for (Pod pod : PodGcChoices.terminatingOutOfService(all, n -> nodes.getStore().getByKey(n))) {
      forceDelete(pod, Optional.empty(), "terminating on an out-of-service node");
    }
    for (Pod pod : PodGcChoices.unscheduledTerminating(all)) {
      forceDelete(pod, Optional.empty(), "terminating and never scheduled");
    }
    Duration next = nextOrphanCheck
        .map(at -> Duration.between(clock.instant(), at))
        .filter(d -> d.compareTo(period) < 0)
        .map(d -> d.isNegative() ? Duration.ZERO : d)
        .orElse(period);
    return Result.requeueAfter(next);
  }

  /**
   * {@code gcOrphaned}: deletes the pods of Nodes missing for the quarantine and confirmed gone;
   * returns when the next missing Node's quarantine ends.
   */
  private Optional<Instant> deleteOrphans(List<Pod> all) {
    Instant now = clock.instant();
    Set<String> missing = PodGcChoices.missingNodes(all,
        name -> nodes.getStore().getByKey(name) != null);
    missingSince.keySet().retainAll(missing);
    Set<String> gone = new TreeSet<>();
    Optional<Instant> next = Optional.empty();
    for (String node : missing) {
      Instant since = missingSince.computeIfAbsent(node, n -> now);
      Instant due = since.plus(quarantine);
      if (now.isBefore(due)) {
        next = next.isEmpty() || due.isBefore(next.get()) ? Optional.of(due) : next;
      } else if (client.nodes().withName(node).get() == null) {
        // The cache could be behind a Node created again meanwhile: ask the API server.
        gone.add(node);
      } else {
        missingSince.remove(node);
      }
    }
    for (Pod pod : PodGcChoices.boundTo(all, gone)) {
      forceDelete(pod, Optional.of("PodGC: node no longer exists"),
          "its node " + PodGcChoices.nodeName(pod) + " no longer exists");
    }
    return next;
  }

  /**
   * {@code markFailedAndDeletePod}: a pod not yet terminated becomes {@code Failed} (with the
   * {@code DisruptionTarget} condition when there is a {@code reason}), then it is deleted at once.
   */
  private void forceDelete(Pod pod, Optional<String> disruption, String why) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    try {
      if (!PodGcChoices.isTerminated(pod)) {
        client.pods().inNamespace(namespace).resource(failed(pod, disruption)).updateStatus();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return;
      }
      if (e.getCode() != 409) {
        throw e;
      }
      // Changed meanwhile (its node's last words, say): it is deleted all the same.
    }
    try {
      String url = client.getMasterUrl().toString();
      url = (url.endsWith("/") ? url : url + "/") + "api/v1/namespaces/" + encode(namespace)
          + "/pods/" + encode(name);
      client.raw(url, "DELETE", Map.of("apiVersion", "v1", "kind", "DeleteOptions",
          "gracePeriodSeconds", 0, "preconditions", Map.of("uid", pod.getMetadata().getUid())));
      LOG.info("pod garbage collector deleted pod={}/{} uid={}: {}", namespace, name,
          pod.getMetadata().getUid(), why);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  private Pod failed(Pod pod, Optional<String> disruption) {
    PodStatusBuilder status = pod.getStatus() == null ? new PodStatusBuilder()
        : new PodStatusBuilder(pod.getStatus());
    status.withPhase("Failed");
    disruption.ifPresent(message -> {
      List<PodCondition> conditions = new ArrayList<>(pod.getStatus() == null
          || pod.getStatus().getConditions() == null ? List.of()
          : pod.getStatus().getConditions());
      conditions.removeIf(c -> "DisruptionTarget".equals(c.getType()));
      conditions.add(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
          .withReason("DeletionByPodGC").withMessage(message)
          .withLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
          .build());
      status.withConditions(conditions);
    });
    return new PodBuilder(pod).withStatus(status.build()).build();
  }
}

package io.capstan.apiserver.eviction;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.DeleteOptions;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.Lister;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.registry.WriteOptions;
import io.capstan.apiserver.registry.WriteResult;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evicts a pod as Kubernetes' EvictionREST: pods that are already terminal, pending or being
 * deleted go at once; otherwise the one PodDisruptionBudget covering the pod must allow a
 * disruption (an unready pod may go without one while the budget is healthy, or always under
 * {@code unhealthyPodEvictionPolicy: AlwaysAllow}), and the pod is deleted with the client's
 * DeleteOptions after a {@code DisruptionTarget} condition says why.
 */
public final class PodEviction {

  /** EvictionsRetry: how often a conflicting write is tried again with fresh copies. */
  static final int RETRIES = 20;

  private final GenericRegistry pods;
  private final DisruptionBudgets budgets;
  private final Clock clock;

  public PodEviction(GenericRegistry pods, GenericRegistry budgets, Lister lister, Clock clock) {
    this.pods = pods;
    this.budgets = new DisruptionBudgets(budgets, lister, clock);
    this.clock = clock;
  }

  /**
   * Evicts {@code namespace/name} and answers the Status to return.
   *
   * @throws ApiException 404 for a missing pod, 429 when a budget forbids the eviction, 500
   *     when more than one budget covers the pod, 409 for a failed precondition
   */
  public ObjectNode evict(String namespace, String name, DeleteOptions options) {
    boolean pinned = options.preconditionResourceVersion().isPresent();
    ObjectNode pod = null;
    for (int attempt = 0; ; attempt++) {
      pod = pods.get(namespace, name);
      if (!canIgnoreBudget(pod)) {
        break;
      }
      DeleteOptions delete = options;
      if (enforceResourceVersion(pod) && !pinned) {
        delete = withResourceVersion(options, Meta.resourceVersion(pod));
      }
      try {
        deleteWithCondition(namespace, name, delete);
        return DisruptionBudgets.success();
      } catch (ApiException e) {
        if (e.code() != 409 || pinned || attempt >= RETRIES) {
          throw e;
        }
      }
    }
    List<ObjectNode> covering = budgets.covering(pod);
    if (covering.size() > 1) {
      throw DisruptionBudgets.moreThanOne();
    }
    boolean pinToPod = false;
    if (covering.size() == 1) {
      ObjectNode pdb = covering.getFirst();
      if (!isReady(pod) && unhealthyMayGo(pdb)) {
        pinToPod = true;
      } else {
        decrement(pdb, name, options.dryRun());
      }
    }
    DeleteOptions delete = pinToPod
        ? withResourceVersion(options, Meta.resourceVersion(pod))
        : options;
    try {
      deleteWithCondition(namespace, name, delete);
    } catch (ApiException e) {
      if (e.code() == 409 && pinToPod && !pinned) {
        // The pod changed (perhaps became ready) since the budget was judged: try again.
        throw DisruptionBudgets.stillProcessing(Meta.name(covering.getFirst()));
      }
      throw e;
    }
    return DisruptionBudgets.success();
  }

  private void decrement(ObjectNode pdb, String podName, boolean dryRun) {
    ObjectNode current = pdb;
    for (int attempt = 0; ; attempt++) {
      try {
        budgets.checkAndDecrement(current, podName, dryRun);
        return;
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
        if (attempt >= RETRIES) {
          throw ApiException.timeout("couldn't update PodDisruptionBudget \""
              + Meta.name(pdb) + "\" due to conflicts");
        }
        current = budgets.reread(pdb);
      }
    }
  }

  /**
   * An unready pod does not count as healthy, so evicting it takes nothing from the budget: it
   * may go under AlwaysAllow, or under the default IfHealthyBudget while the budget is met.
   */
  private static boolean unhealthyMayGo(ObjectNode pdb) {
    if (pdb.path("spec").path("unhealthyPodEvictionPolicy").asString("").equals("AlwaysAllow")) {
      return true;
    }
    JsonNode status = pdb.path("status");
    long desired = status.path("desiredHealthy").asLong(0);
    return status.path("currentHealthy").asLong(0) >= desired && desired > 0;
  }

  /**
   * {@code addConditionAndDeletePod}: a DisruptionTarget condition on the latest pod (still
   * meeting the preconditions), then the delete with the client's options, its resourceVersion
   * precondition moved to the version the condition wrote.
   */
  private void deleteWithCondition(String namespace, String name, DeleteOptions options) {
    DeleteOptions delete = options;
    if (!options.dryRun()) {
      ResourceStrategy status = pods.type().statusStrategy().orElseThrow();
      WriteResult written = pods.guaranteedUpdate(namespace, name, latest -> {
        checkPreconditions(latest, options);
        setDisruptionTarget(latest);
        return latest;
      }, status, new WriteOptions(false, ""));
      if (options.preconditionResourceVersion().isPresent()) {
        delete = withResourceVersion(options, Meta.resourceVersion(written.object()));
      }
    }
    pods.delete(namespace, name, delete);
  }

  private static void checkPreconditions(ObjectNode pod, DeleteOptions options) {
    String name = Meta.name(pod);
    options.preconditionUid().filter(uid -> !uid.isEmpty() && !uid.equals(Meta.uid(pod)))
        .ifPresent(uid -> {
          throw ApiException.conflict("", "pods", name, "Precondition failed: UID in "
              + "precondition: " + uid + ", UID in object meta: " + Meta.uid(pod));
        });
    options.preconditionResourceVersion()
        .filter(rv -> !rv.isEmpty() && !rv.equals(Meta.resourceVersion(pod)))
        .ifPresent(rv -> {
          throw ApiException.conflict("", "pods", name, "Precondition failed: ResourceVersion "
              + "in precondition: " + rv + ", ResourceVersion in object meta: "
              + Meta.resourceVersion(pod));
        });
  }

  private void setDisruptionTarget(ObjectNode pod) {
    ArrayNode conditions = pod.withObjectProperty("status").withArrayProperty("conditions");
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode condition = null;
    for (JsonNode c : conditions) {
      if (c.path("type").asString("").equals("DisruptionTarget")) {
        condition = (ObjectNode) c;
      }
    }
    if (condition == null) {
      condition = conditions.addObject();
      condition.put("type", "DisruptionTarget");
      condition.putNull("lastProbeTime");
    }
    if (!condition.path("status").asString("").equals("True")) {
      condition.put("lastTransitionTime", now);
    }
    condition.put("status", "True");
    condition.put("reason", "EvictionByEvictionAPI");
    condition.put("message", "Eviction API: evicting");
  }

  /** Terminal, pending or already deleting: the disruption has happened or never began. */
  private static boolean canIgnoreBudget(ObjectNode pod) {
    String phase = pod.path("status").path("phase").asString("");
    return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending")
        || Meta.deletionTimestamp(pod).isPresent();
  }

  private static boolean enforceResourceVersion(ObjectNode pod) {
    String phase = pod.path("status").path("phase").asString("");
    return !(phase.equals("Succeeded") || phase.equals("Failed")
        || Meta.deletionTimestamp(pod).isPresent());
  }

  static boolean isReady(JsonNode pod) {
    for (JsonNode condition : pod.path("status").path("conditions")) {
      if (condition.path("type").asString("").equals("Ready")) {
        return condition.path("status").asString("").equals("True");
      }
    }
    return false;
  }

  private static DeleteOptions withResourceVersion(DeleteOptions options, String version) {
    return new DeleteOptions(options.gracePeriodSeconds(), options.propagationPolicy(),
        options.preconditionUid(), Optional.of(version), options.dryRun());
  }
}

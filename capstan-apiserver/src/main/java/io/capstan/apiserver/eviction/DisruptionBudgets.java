package io.capstan.apiserver.eviction;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.ListOptions;
import io.capstan.apiserver.registry.Lister;
import io.capstan.apiserver.registry.WriteOptions;
import io.capstan.apiserver.selection.LabelSelector;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PodDisruptionBudgets of a namespace as the eviction subresource sees them: which cover a
 * pod, and taking one disruption from a budget ({@code checkAndDecrement}).
 */
final class DisruptionBudgets {

  /** Kubernetes' MaxDisruptedPodSize: evictions the disruption controller has not yet seen. */
  static final int MAX_DISRUPTED_PODS = 2000;
  static final String VIOLATION =
      "Cannot evict pod as it would violate the pod's disruption budget.";

  private final GenericRegistry budgets;
  private final Lister lister;
  private final Clock clock;

  DisruptionBudgets(GenericRegistry budgets, Lister lister, Clock clock) {
    this.budgets = budgets;
    this.lister = lister;
    this.clock = clock;
  }

  /**
   * The budgets selecting the pod. A budget whose selector is invalid, missing or empty covers
   * nothing here, as upstream: it must not block every pod of its namespace.
   */
  List<ObjectNode> covering(ObjectNode pod) {
    List<ObjectNode> matching = new ArrayList<>();
    for (ObjectNode pdb : lister.list(budgets.type(), Meta.namespace(pod), ListOptions.ALL)
        .items()) {
      LabelSelector selector;
      try {
        selector = LabelSelector.fromJson(pdb.path("spec").path("selector"));
      } catch (ApiException invalid) {
        continue;
      }
      if (!selector.isEmpty() && !selector.matchesNothing()
          && selector.matches(Meta.labels(pod))) {
        matching.add(pdb);
      }
    }
    return matching;
  }

  ObjectNode reread(ObjectNode pdb) {
    return budgets.get(Meta.namespace(pdb), Meta.name(pdb));
  }

  /**
   * Takes one disruption from {@code pdb} for {@code podName}, recording the pod in
   * {@code status.disruptedPods} so the disruption controller does not count it as healthy
   * while its deletion is on the way. The write is pinned to the budget's resourceVersion: a
   * concurrent change is a conflict the caller retries with a fresh copy.
   *
   * @throws ApiException 429 when the budget allows no disruption or its status is stale
   */
  void checkAndDecrement(ObjectNode pdb, String podName, boolean dryRun) {
    JsonNode status = pdb.path("status");
    String name = Meta.name(pdb);
    if (status.path("observedGeneration").asLong(0)
        < pdb.path("metadata").path("generation").asLong(0)) {
      throw stillProcessing(name);
    }
    long allowed = status.path("disruptionsAllowed").asLong(0);
    if (allowed < 0) {
      throw forbidden(name, "pdb disruptions allowed is negative");
    }
    if (status.path("disruptedPods").size() > MAX_DISRUPTED_PODS) {
      throw forbidden(name, "DisruptedPods map too big - too many evictions not confirmed by "
          + "PDB controller");
    }
    if (allowed == 0) {
      throw violation(0, "The disruption budget " + name + " needs "
          + status.path("desiredHealthy").asLong(0) + " healthy pods and has "
          + status.path("currentHealthy").asLong(0) + " currently");
    }
    ObjectNode updated = pdb.deepCopy();
    ObjectNode newStatus = updated.withObjectProperty("status");
    newStatus.put("disruptionsAllowed", allowed - 1);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (allowed - 1 == 0) {
      insufficientPods(newStatus, now);
    }
    if (dryRun) {
      return;
    }
    newStatus.withObjectProperty("disruptedPods").put(podName, now.toString());
    budgets.updateStatus(Meta.namespace(pdb), name, updated, new WriteOptions(false, ""));
  }

  /** {@code UpdateDisruptionAllowedCondition} once no disruption is left. */
  private static void insufficientPods(ObjectNode status, Instant now) {
    ArrayNode conditions = status.withArrayProperty("conditions");
    long generation = status.path("observedGeneration").asLong(0);
    for (JsonNode condition : conditions) {
      if (condition.path("type").asString("").equals("DisruptionAllowed")) {
        ObjectNode c = (ObjectNode) condition;
        if (!c.path("status").asString("").equals("False")) {
          c.put("lastTransitionTime", now.toString());
        }
        c.put("status", "False");
        c.put("reason", "InsufficientPods");
        c.put("observedGeneration", generation);
        return;
      }
    }
    ObjectNode c = conditions.addObject();
    c.put("type", "DisruptionAllowed");
    c.put("status", "False");
    c.put("observedGeneration", generation);
    c.put("lastTransitionTime", now.toString());
    c.put("reason", "InsufficientPods");
    c.put("message", "");
  }

  /** {@code createTooManyRequestsError}: the budget's status has not caught up yet. */
  static ApiException stillProcessing(String name) {
    return violation(10, "The disruption budget " + name
        + " is still being processed by the server.");
  }

  /** 429 with a DisruptionBudget cause, as {@code errors.NewTooManyRequests} builds it. */
  static ApiException violation(int retryAfterSeconds, String cause) {
    return new ApiException(new StatusBuilder()
        .withStatus("Failure")
        .withMessage(VIOLATION)
        .withReason("TooManyRequests")
        .withNewDetails()
        .withRetryAfterSeconds(retryAfterSeconds > 0 ? retryAfterSeconds : null)
        .withCauses(new StatusCauseBuilder().withReason("DisruptionBudget").withMessage(cause)
            .build())
        .endDetails()
        .withCode(429)
        .build());
  }

  /** {@code errors.NewForbidden(policy.Resource("poddisruptionbudget"), name, err)}. */
  private static ApiException forbidden(String name, String why) {
    return new ApiException(new StatusBuilder()
        .withStatus("Failure")
        .withMessage("poddisruptionbudget.policy \"" + name + "\" is forbidden: " + why)
        .withReason("Forbidden")
        .withNewDetails()
        .withName(name)
        .withGroup("policy")
        .withKind("poddisruptionbudget")
        .endDetails()
        .withCode(403)
        .build());
  }

  /** The Status for a pod covered by more than one budget, which eviction does not support. */
  static ApiException moreThanOne() {
    return new ApiException(new StatusBuilder()
        .withStatus("Failure")
        .withMessage("This pod has more than one PodDisruptionBudget, which the eviction "
            + "subresource does not support.")
        .withCode(500)
        .build());
  }

  static ObjectNode success() {
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    return status;
  }
}

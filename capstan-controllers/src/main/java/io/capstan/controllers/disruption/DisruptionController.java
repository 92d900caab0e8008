package io.capstan.controllers.disruption;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controllers.LabelSelectors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * kube-controller-manager's disruption controller: each PodDisruptionBudget is synced when it or
 * a pod it selects changes, and again when an eviction's claim on a pod runs out. Pods are
 * matched in the budget's namespace; a budget without a selector selects nothing, an empty
 * selector everything, as in policy/v1.
 */
public final class DisruptionController implements Reconciler {

  public static final String NAME = "disruption-controller";

  private final KubernetesClient client;
  private final SharedIndexInformer<PodDisruptionBudget> budgets;
  private final SharedIndexInformer<Pod> pods;
  private final ExpectedPods expected;
  private final EventRecorder events;
  private final Clock clock;

  DisruptionController(KubernetesClient client, SharedIndexInformer<PodDisruptionBudget> budgets,
      SharedIndexInformer<Pod> pods, ExpectedPods expected, EventRecorder events, Clock clock) {
    this.client = client;
    this.budgets = budgets;
    this.pods = pods;
    this.expected = expected;
    this.events = events;
    this.clock = clock;
  }

  /** The controller over informers shared with the other controllers. */
  public static Controller create(KubernetesClient client, SharedInformers informers,
      Clock clock, Scheduler scheduler, EventRecorder events, int workers) {
    SharedIndexInformer<PodDisruptionBudget> budgets = informers.of(PodDisruptionBudget.class);
    SharedIndexInformer<Pod> pods = informers.of(Pod.class);
    // Read for the controllers' scale only, as upstream's listers: a scale change shows up as
    // pods coming or going.
    ExpectedPods expected = new ExpectedPods(informers.of(ReplicaSet.class).getIndexer(),
        informers.of(Deployment.class).getIndexer());
    return Controller.builder(NAME,
            new DisruptionController(client, budgets, pods, expected, events, clock))
        .watch(budgets)
        .watch(pods, pod -> budgetsOf(pod, budgets))
        .workers(workers)
        .time(clock, scheduler)
        .build();
  }

  /** {@code getPdbsForPod}: the budgets of the pod's namespace whose selector matches it. */
  static List<String> budgetsOf(Pod pod, SharedIndexInformer<PodDisruptionBudget> budgets) {
    return budgets.getIndexer()
        .byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace()).stream()
        .filter(pdb -> LabelSelectors.matches(pdb.getSpec().getSelector(),
            pod.getMetadata().getLabels()))
        .map(Keys::of)
        .toList();
  }

  @Override
  public Result reconcile(String key) {
    PodDisruptionBudget pdb = budgets.getStore().getByKey(key);
    if (pdb == null) {
      return Result.done();
    }
    Instant now = clock.instant();
    List<Pod> selected = selectedPods(pdb);
    if (selected.isEmpty()) {
      events.normal(pdb, "NoPods", "No matching pods found");
    }
    ExpectedPods.Expectation expectation;
    try {
      expectation = expected.of(pdb, selected);
    } catch (IllegalStateException e) {
      events.warning(pdb, "CalculateExpectedPodCountFailed",
          "Failed to calculate the number of expected pods: " + e.getMessage());
      writeStatus(pdb, BudgetStatus.failSafe(pdb, e.getMessage(), now));
      throw e;
    }
    if (!expectation.unmanagedPods().isEmpty()) {
      events.warning(pdb, "UnmanagedPods", "Pods selected by this PodDisruptionBudget were "
          + "found to be unmanaged. As a result, the status of the PDB cannot be calculated "
          + "correctly, which may result in undefined behavior. To account for these pods "
          + "please set \".spec.minAvailable\" field of the PDB to an integer value.");
    }
    BudgetStatus.Computed computed = BudgetStatus.compute(pdb, selected, expectation, now);
    writeStatus(pdb, computed.status());
    return computed.recheckAt()
        .map(at -> Result.requeueAfter(Duration.between(now, at).plusMillis(1)))
        .orElse(Result.done());
  }

  private List<Pod> selectedPods(PodDisruptionBudget pdb) {
    return pods.getIndexer()
        .byIndex(Cache.NAMESPACE_INDEX, pdb.getMetadata().getNamespace()).stream()
        .filter(pod -> LabelSelectors.matches(pdb.getSpec().getSelector(),
            pod.getMetadata().getLabels()))
        .toList();
  }

  /**
   * Writes a changed status through the status subresource, pinned to the cached version: a
   * conflict (an eviction spent a disruption meanwhile) fails the sync, which is retried with
   * the newer budget once the informer has it.
   */
  private void writeStatus(PodDisruptionBudget pdb, PodDisruptionBudgetStatus status) {
    if (BudgetStatus.same(pdb.getStatus(), status)) {
      return;
    }
    try {
      client.policy().v1().podDisruptionBudget().inNamespace(pdb.getMetadata().getNamespace())
          .resource(new PodDisruptionBudgetBuilder(pdb).withStatus(status).build())
          .updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return;
      }
      throw e;
    }
  }
}

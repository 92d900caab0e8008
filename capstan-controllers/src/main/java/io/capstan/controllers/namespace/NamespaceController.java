package io.capstan.controllers.namespace;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes {@code pkg/controller/namespace}: a namespace with a deletionTimestamp is emptied, and
 * once nothing is left in it the {@code kubernetes} spec finalizer is removed. Content that is still
 * terminating (a pod in its grace period, an owner waiting for foreground deletion) makes the
 * reconcile requeue instead of finalizing early.
 */
public final class NamespaceController implements Reconciler {

  static final String FINALIZER = "kubernetes";

  private static final Logger LOG = LoggerFactory.getLogger(NamespaceController.class);

  /** How soon a namespace whose content is still terminating is looked at again. */
  private static final Duration CONTENT_RECHECK = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final SharedIndexInformer<Namespace> namespaces;
  private final NamespaceContent content;
  private final NamespaceConditions conditions;

  NamespaceController(KubernetesClient client, Clock clock,
      SharedIndexInformer<Namespace> namespaces) {
    this.client = client;
    this.namespaces = namespaces;
    this.content = new NamespaceContent(client);
    this.conditions = new NamespaceConditions(client, clock);
  }

  /** A namespace controller, ready to {@link Controller#start()}. */
  public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler,
      int workers) {
    return create(client, new SharedInformers(client), clock, scheduler, workers);
  }

  /** The controller over informers shared with the other controllers. */
  public static Controller create(KubernetesClient client, SharedInformers informers,
      Clock clock, Scheduler scheduler, int workers) {
    SharedIndexInformer<Namespace> informer = informers.of(Namespace.class);
    return Controller.builder("namespace", new NamespaceController(client, clock, informer))
        .watch(informer)
        .workers(workers)
        .time(clock, scheduler)
        .backoff(Duration.ofMillis(200), Duration.ofSeconds(60))
        .build();
  }

  @Override
  public Result reconcile(String key) {
    Namespace cached = namespaces.getStore().getByKey(key);
    if (cached == null || cached.getMetadata().getDeletionTimestamp() == null
        || !specFinalizers(cached).contains(FINALIZER)) {
      return Result.done();
    }
    String name = Keys.name(key);
    NamespaceContent.Remaining remaining = content.deleteAll(name);
    if (!remaining.isEmpty()) {
      // Once the namespace is empty it is finalized and goes, so "all removed" is not written.
      conditions.record(cached, remaining);
      return Result.requeueAfter(CONTENT_RECHECK);
    }
    finalizeNamespace(name);
    return Result.done();
  }

  /**
   * PUTs the live namespace to its finalize subresource without our finalizer; other finalizers
   * stay, and the live read carries the resourceVersion, so a concurrent change makes this fail
   * with a conflict and retry rather than overwrite it.
   */
  private void finalizeNamespace(String name) {
    Namespace live = client.namespaces().withName(name).get();
    if (live == null || !specFinalizers(live).contains(FINALIZER)) {
      return;
    }
    List<String> remaining = specFinalizers(live).stream()
        .filter(f -> !f.equals(FINALIZER)).toList();
    Namespace finalized = new NamespaceBuilder(live)
        .editOrNewSpec().withFinalizers(remaining).endSpec()
        .build();
    String url = client.getMasterUrl().toString().replaceAll("/$", "")
        + "/api/v1/namespaces/" + name + "/finalize";
    client.raw(url, "PUT", Serialization.asJson(finalized));
    LOG.info("finalized namespace name={}", name);
  }

  private static List<String> specFinalizers(Namespace namespace) {
    return namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null
        ? List.of()
        : namespace.getSpec().getFinalizers();
  }
}

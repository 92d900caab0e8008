package io.capstan.scheduler;

import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules one pod: decide over a snapshot of the {@link SchedulerCache} and assume the placement under one lock
 * (so concurrent workers never double-book a node), then bind outside it. An unschedulable pod is retried when nodes
 * change and every {@link #RETRY_UNSCHEDULABLE}, as upstream's unschedulable queue flushes periodically.
 */
final class SchedulingReconciler implements Reconciler {
    static final String DEFAULT_SCHEDULER = "default-scheduler";
    static final Duration RETRY_UNSCHEDULABLE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingReconciler.class);

    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Node> nodes;
    private final SchedulerCache cache;
    private final BindingPort port;
    private final Object decisionLock = new Object();

    SchedulingReconciler(SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes, SchedulerCache cache,
                         BindingPort port) {
        this.pods = pods;
        this.nodes = nodes;
        this.cache = cache;
        this.port = port;
    }

    /** Unbound, not being deleted, and addressed to this scheduler. */
    static boolean isPending(Pod pod) {
        String schedulerName = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return !SchedulingSnapshot.isBound(pod) && pod.getMetadata().getDeletionTimestamp() == null
                && (schedulerName == null || schedulerName.isEmpty() || DEFAULT_SCHEDULER.equals(schedulerName))
                && !SchedulingSnapshot.isTerminal(pod);
    }

    @Override
    public Result reconcile(String key) {
        Optional<Pod> cached = Optional.ofNullable(pods.getIndexer().getByKey(key));
        if (cached.isEmpty() || !isPending(cached.get())) {
            return Result.done();
        }
        Pod pod = cached.get();
        Placement placement;
        synchronized (decisionLock) {
            placement = Placement.decide(pod, cache.snapshot(nodes.getIndexer().list()));
            if (placement instanceof Placement.Fit fit) {
                cache.assume(key, pod, fit.node());
            }
        }
        return switch (placement) {
            case Placement.Fit fit -> bind(key, pod, fit.node());
            case Placement.NoFit noFit -> {
                LOG.debug("pod unschedulable pod={} message={}", key, noFit.message());
                port.reportUnschedulable(pod, noFit.message());
                yield Result.requeueAfter(RETRY_UNSCHEDULABLE);
            }
        };
    }

    private Result bind(String key, Pod pod, String node) {
        try {
            port.bind(pod, node);
            LOG.debug("pod bound pod={} node={}", key, node);
            return Result.done();
        } catch (RuntimeException e) {
            // The binding did not happen: release the node's share before the runner retries.
            synchronized (decisionLock) {
                cache.forget(key);
            }
            throw e;
        }
    }
}

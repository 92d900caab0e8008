package io.capstan.scheduler;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Wires the scheduler: informers on pods and nodes in the whole cluster, the pod events feeding the {@link
 * SchedulerCache}; a pod event queues that pod, and a node event that may let a pending pod fit queues every pending
 * pod (see {@link #mayAdmitPods}).
 */
public final class PodScheduler {
    public static final String NAME = "default-scheduler";

    private PodScheduler() {
    }

    public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler, int workers) {
        return create(client, clock, scheduler, new EventRecorder(client, NAME, clock), workers);
    }

    public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler, EventRecorder events,
                                    int workers) {
        return create(client, new SharedInformers(client), clock, scheduler, events, workers);
    }

    /** The controller over informers shared with the other controllers. */
    public static Controller create(KubernetesClient client, SharedInformers informers,
            Clock clock, Scheduler scheduler, EventRecorder events, int workers) {
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        SharedIndexInformer<Node> nodes = informers.of(Node.class);
        SchedulerCache cache = new SchedulerCache(key -> pods.getIndexer().getByKey(key));
        // Registered before the controller's own handlers, so the cache has seen an event before its key is queued.
        pods.addEventHandler(cache.podHandler());
        SchedulingReconciler reconciler = new SchedulingReconciler(pods, nodes, cache,
                new ApiBindingPort(client, events, clock));
        Controller controller = Controller.builder(NAME, reconciler)
                .watch(pods)
                // The controller starts and syncs the node informer; which node events queue pods is decided below.
                .watch(nodes, node -> List.of())
                .workers(workers)
                .time(clock, scheduler)
                .build();
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                pendingPods(pods).forEach(controller.queue()::add);
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (mayAdmitPods(oldNode, newNode)) {
                    pendingPods(pods).forEach(controller.queue()::add);
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                // The pending pods' FailedScheduling message counts the nodes; deletions are rare.
                pendingPods(pods).forEach(controller.queue()::add);
            }
        });
        return controller;
    }

    static List<String> pendingPods(SharedIndexInformer<Pod> pods) {
        return pods.getIndexer().list().stream().filter(SchedulingReconciler::isPending).map(Keys::of).toList();
    }

    /**
     * Whether an update changed what the filters read of a node: its Ready condition's status, {@code
     * spec.unschedulable}, its taints, its labels (node affinity) or its allocatable resources. Scanning every pod
     * for the pending ones is worth it only then; status heartbeats, which rewrite condition timestamps and images
     * every minute on each node, change none of these and queue nothing (pending pods are retried every
     * {@link SchedulingReconciler#RETRY_UNSCHEDULABLE} regardless). Simulated nodes renew Leases and send no Node
     * updates at all.
     */
    static boolean mayAdmitPods(Node oldNode, Node newNode) {
        return !Objects.equals(readyStatus(oldNode), readyStatus(newNode))
                || !Objects.equals(spec(oldNode).map(NodeSpec::getUnschedulable),
                        spec(newNode).map(NodeSpec::getUnschedulable))
                || !Objects.equals(spec(oldNode).map(NodeSpec::getTaints), spec(newNode).map(NodeSpec::getTaints))
                || !Objects.equals(oldNode.getMetadata().getLabels(), newNode.getMetadata().getLabels())
                || !Objects.equals(allocatable(oldNode), allocatable(newNode));
    }

    private static Optional<String> readyStatus(Node node) {
        return Optional.ofNullable(node.getStatus()).flatMap(s -> PodRequests.orEmpty(s.getConditions()).stream()
                .filter(c -> "Ready".equals(c.getType())).map(NodeCondition::getStatus).findFirst());
    }

    private static Optional<NodeSpec> spec(Node node) {
        return Optional.ofNullable(node.getSpec());
    }

    private static Optional<Map<String, Quantity>> allocatable(Node node) {
        return Optional.ofNullable(node.getStatus()).map(NodeStatus::getAllocatable);
    }
}

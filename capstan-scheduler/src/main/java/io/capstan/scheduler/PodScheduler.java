package io.capstan.scheduler;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Scheduler;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.List;

/**
 * Wires the scheduler: informers on pods and nodes in the whole cluster; a pod event queues that pod, a node event
 * queues every pending pod (a new or changed node may be the one they were waiting for).
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
        SharedIndexInformer<Pod> pods = client.pods().inAnyNamespace().runnableInformer(0);
        SharedIndexInformer<Node> nodes = client.nodes().runnableInformer(0);
        SchedulingReconciler reconciler = new SchedulingReconciler(pods, nodes,
                new ApiBindingPort(client, events, clock));
        return Controller.builder(NAME, reconciler)
                .watch(pods)
                .watch(nodes, node -> pendingPods(pods))
                .workers(workers)
                .time(clock, scheduler)
                .build();
    }

    static List<String> pendingPods(SharedIndexInformer<Pod> pods) {
        return pods.getIndexer().list().stream().filter(SchedulingReconciler::isPending).map(Keys::of).toList();
    }
}

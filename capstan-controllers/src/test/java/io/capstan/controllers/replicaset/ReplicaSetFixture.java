package io.capstan.controllers.replicaset;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-process API server, a client, a running ReplicaSet controller and helpers to build and poke objects. */
final class ReplicaSetFixture implements AutoCloseable {
    static final String NS = "t";

    final ApiServer server;
    final KubernetesClient client;
    final Controller controller;
    private final Optional<SystemScheduler> ownedScheduler;

    private ReplicaSetFixture(Clock clock, Optional<Scheduler> scheduler) throws Exception {
        server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
        client = clientBuilder().build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        ownedScheduler = scheduler.isEmpty() ? Optional.of(new SystemScheduler("rs-test")) : Optional.empty();
        controller = ReplicaSetController.create(client, clock,
                scheduler.orElseGet(ownedScheduler::get), new EventRecorder(client, "replicaset-controller", clock), 2);
        controller.start().get(30, TimeUnit.SECONDS);
    }

    private KubernetesClientBuilder clientBuilder() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.url())
                .withNamespace(NS).withRequestRetryBackoffLimit(0).build());
    }

    /** Another client that counts the requests it sends other than GET. */
    KubernetesClient clientCounting(AtomicInteger writes) {
        Interceptor counter = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if (!"GET".equals(request.method())) {
                    writes.incrementAndGet();
                }
            }
        };
        return clientBuilder().withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count-writes", counter))
                .build();
    }

    /** With the wall clock. */
    static ReplicaSetFixture start() throws Exception {
        return new ReplicaSetFixture(Clock.systemUTC(), Optional.empty());
    }

    /** With a clock (and scheduler) the test drives. */
    static ReplicaSetFixture start(FakeClock clock) throws Exception {
        return new ReplicaSetFixture(clock, Optional.of(clock));
    }

    static ReplicaSet replicaSet(String name, int replicas, int minReadySeconds) {
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(minReadySeconds)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name, "tier", "front")).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("good").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    static Pod barePod(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("good").endContainer().endSpec().build();
    }

    ReplicaSet create(ReplicaSet rs) {
        return client.apps().replicaSets().inNamespace(NS).resource(rs).create();
    }

    ReplicaSet get(String name) {
        return client.apps().replicaSets().inNamespace(NS).withName(name).get();
    }

    List<Pod> pods() {
        return client.pods().inNamespace(NS).list().getItems();
    }

    /** Pods whose controller is the named ReplicaSet. */
    List<Pod> podsOf(String rsName) {
        return pods().stream().filter(p -> PodOwnership.controllerOf(p).filter(r -> rsName.equals(r.getName())).isPresent())
                .toList();
    }

    void scale(String name, int replicas) {
        client.apps().replicaSets().inNamespace(NS).withName(name).edit(rs -> new ReplicaSetBuilder(rs).editSpec()
                .withReplicas(replicas).endSpec().build());
    }

    /** What the kubelet would write: Running with Ready=True since {@code since}. */
    void markReady(String podName, Instant since) {
        String at = DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.SECONDS));
        client.pods().inNamespace(NS).withName(podName).editStatus(p -> new PodBuilder(p).editOrNewStatus()
                .withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True")
                        .withLastTransitionTime(at).build())
                .endStatus().build());
    }

    @Override
    public void close() {
        controller.close();
        ownedScheduler.ifPresent(SystemScheduler::close);
        client.close();
        server.close();
    }
}

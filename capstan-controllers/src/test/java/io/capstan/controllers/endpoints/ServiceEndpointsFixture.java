package io.capstan.controllers.endpoints;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.controllers.endpointslice.EndpointSliceController;
import io.capstan.controllers.endpointslice.SliceLabels;
import io.capstan.controllers.endpointslicemirroring.EndpointSliceMirroringController;
import io.capstan.controllers.gc.GarbageCollector;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An in-process API server with the Endpoints, EndpointSlice and mirroring controllers and the garbage collector
 * running against it, one zoned node, and helpers playing the kubelet's part (pod IPs and readiness).
 */
public final class ServiceEndpointsFixture implements AutoCloseable {
  public static final String NS = "t";
  public static final String NODE = "node-1";

  public final ApiServer server;
  public final KubernetesClient client;
  public final List<Controller> controllers;
  private final SystemScheduler scheduler = new SystemScheduler("endpoints-test");

  public ServiceEndpointsFixture() throws Exception {
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.url())
        .withNamespace(NS).withRequestRetryBackoffLimit(0).build()).build();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE)
        .withLabels(Map.of(SliceLabels.ZONE, "zone-a")).endMetadata().build()).create();
    Clock clock = Clock.systemUTC();
    controllers = List.of(
        EndpointsController.create(client, clock, scheduler, 2),
        EndpointSliceController.create(client, clock, scheduler, 2),
        EndpointSliceMirroringController.create(client, clock, scheduler,
            new EventRecorder(client, EndpointSliceMirroringController.NAME, clock), 2),
        GarbageCollector.create(client, clock, scheduler, 2));
    CompletableFuture.allOf(controllers.stream().map(Controller::start).toArray(CompletableFuture[]::new))
        .get(30, TimeUnit.SECONDS);
  }

  public Service createService(String name, boolean publishNotReady) {
    return client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("team", "a")).endMetadata()
        .withNewSpec().withSelector(Map.of("app", name))
        .withPublishNotReadyAddresses(publishNotReady)
        .withPorts(new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP")
            .withTargetPort(new IntOrString("web")).build())
        .endSpec().build()).create();
  }

  /** A pod bound to the node, labelled app={@code app}, with a container port named "web" (8080). */
  public Pod createPod(String name, String app, List<String> finalizers) {
    return client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("app", app)).withFinalizers(finalizers).endMetadata()
        .withNewSpec().withNodeName(NODE).addNewContainer().withName("c").withImage("i")
        .withPorts(new ContainerPortBuilder().withName("web").withContainerPort(8080).build())
        .endContainer().endSpec().build()).create();
  }

  /** What the kubelet reports: Running, the IP, and the Ready condition. */
  public void setStatus(String pod, String ip, boolean ready) {
    String now = Instant.now().toString();
    client.pods().inNamespace(NS).withName(pod).editStatus(p -> new PodBuilder(p).editOrNewStatus()
        .withPhase("Running").withPodIP(ip).withPodIPs(new PodIPBuilder().withIp(ip).build())
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
            .withLastTransitionTime(now).build())
        .endStatus().build());
  }

  public Endpoints endpoints(String name) {
    return client.endpoints().inNamespace(NS).withName(name).get();
  }

  public List<EndpointSlice> slices(String service, String managedBy) {
    return client.discovery().v1().endpointSlices().inNamespace(NS)
        .withLabel(SliceLabels.SERVICE_NAME, service).withLabel(SliceLabels.MANAGED_BY, managedBy).list().getItems();
  }

  /** Makes every controller sync {@code key} again. */
  public void resync(String key) {
    // The garbage collector keys objects differently; only the endpoint controllers are asked.
    controllers.stream().limit(3).forEach(c -> c.queue().add(key));
  }

  @Override
  public void close() {
    controllers.forEach(Controller::close);
    scheduler.close();
    client.close();
    server.close();
  }
}

package io.capstan.node.agent;

import io.capstan.controller.runtime.Scheduler;
import io.capstan.node.podconfig.ContainerInputs;
import io.capstan.node.podconfig.PodVolumes;
import io.capstan.node.probe.ProbeManager;
import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.server.NodeServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capstan's kubelet: registers this machine as a Node, keeps its Lease and Ready heartbeat fresh,
 * and runs the pods bound to it through a {@link ContainerRuntime}.
 *
 * <p>Start-up order: the ConfigMap/Secret source (which watches each object only once a pod
 * references it, see {@link InformerConfigSource}), the Service cache and the proxy Leases (for
 * draining terminating pods, see {@link PodDrainer}), clean-up of what a previous run left in the
 * runtime, the node's HTTP endpoint (its port goes into the Node), the Node and Lease, the node's
 * pod range when the cluster allocates it, and only then the pod informer, whose events drive one
 * serialized worker per pod. Closing stops all pods' containers (so no process outlives the
 * agent) but leaves the Node; its Lease then expires.
 */
public final class NodeAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
  /** How long a closing agent lets each container stop (its own grace if shorter). */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
  /** How long a new node waits for the cluster to give it a pod range before giving up. */
  private static final Duration POD_CIDR_WAIT = Duration.ofMinutes(2);

  private final NodeAgentConfig config;
  private final ContainerRuntime runtime;
  private final ProbeManager probes;
  private final PodEvents events;
  private final NodeServer endpoint;
  private final InformerConfigSource configs;
  private final ServiceCache serviceCache;
  private final PodDrainer drainer;
  private final NodeHeartbeat heartbeat;
  private final PodWorkers workers;
  private final SharedIndexInformer<Pod> informer;
  private final Scheduler scheduler;
  private final Relister relister;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Scheduler.Cancellable relistTask = () -> {};
  private Scheduler.Cancellable resyncTask = () -> {};

  private NodeAgent(Builder b) {
    this.config = b.config;
    this.runtime = b.runtime;
    this.probes = b.probes;
    this.events = b.events;
    this.endpoint = b.endpoint;
    this.configs = b.configs;
    this.serviceCache = b.serviceCache;
    this.drainer = b.drainer;
    this.heartbeat = b.heartbeat;
    this.workers = b.workers;
    this.informer = b.informer;
    this.scheduler = b.scheduler;
    this.relister = new Relister(runtime, workers);
  }

  /** Everything {@link #start} creates, gathered before the agent exists. */
  private static final class Builder {
    NodeAgentConfig config;
    ContainerRuntime runtime;
    ProbeManager probes;
    PodEvents events;
    NodeServer endpoint;
    InformerConfigSource configs;
    ServiceCache serviceCache;
    PodDrainer drainer;
    NodeHeartbeat heartbeat;
    PodWorkers workers;
    SharedIndexInformer<Pod> informer;
    Scheduler scheduler;
  }

  /** Starts the agent; returns once the Node is registered and pods are being run. */
  public static NodeAgent start(KubernetesClient client, NodeAgentConfig config,
      NodeAgentParts parts, Clock clock, Scheduler scheduler) throws Exception {
    Files.createDirectories(config.podsDir());
    Files.createDirectories(config.podLogsDir());
    Builder b = new Builder();
    b.config = config;
    b.runtime = parts.runtime();
    b.scheduler = scheduler;
    PodWorkersHolder holder = new PodWorkersHolder();
    b.configs = InformerConfigSource.start(client, holder::configChanged);
    b.serviceCache = ServiceCache.start(client);
    b.drainer = PodDrainer.start(clock, b.serviceCache, client);
    ContainerInputs inputs = parts.inputs().apply(b.configs, b.serviceCache);
    PodVolumes volumes = parts.volumes().apply(new TokenIssuingConfigSource(b.configs,
        ServiceAccountTokens.through(client, clock)));
    b.events = new PodEvents(client, config.nodeName(), clock);
    ProbeResults results = new ProbeResults(b.events);
    b.probes = parts.probes().apply(results);
    PodAddresses addresses = new PodAddresses(config.podCidr());
    AgentServices services = new AgentServices(config, clock, parts.runtime(), inputs, volumes,
        b.probes, parts.hooks(), addresses,
        new CrashLoopBackoff(config.backoffBase(), config.backoffCap(), config.backoffReset()),
        new ImagePuller(parts.runtime(), b.events, clock, config),
        new PodApi(client), b.events, b.drainer);
    List<Pod> bound = client.pods().inAnyNamespace()
        .withField("spec.nodeName", config.nodeName()).list().getItems();
    RuntimeAdoption.Adoption adopted = RuntimeAdoption.adopt(services, uids(bound, pod -> true),
        uids(bound, pod -> pod.getMetadata().getDeletionTimestamp() != null));
    PodRecords records = new PodRecords(config, clock, adopted);
    b.workers = new PodWorkers(config.nodeName(), new PodSync(services), records::create,
        b.configs, clock, scheduler);
    holder.workers = b.workers;
    results.attach(b.workers);
    AgentLogLocator locator = new AgentLogLocator(b.workers);
    b.endpoint = NodeServer.start(InetAddress.getByName(config.nodeIp()), config.logPort(),
        locator, locator, clock);
    b.heartbeat = new NodeHeartbeat(client, clock, scheduler, config);
    b.heartbeat.register(MachineInfo.read(config.dataDir()), parts.runtime().version().nodeInfo(),
        b.endpoint.port());
    if (config.podCidr().isEmpty()) {
      addresses.assign(PodCidrWait.awaitPodCidr(client, config.nodeName(), POD_CIDR_WAIT));
    }
    b.informer = client.pods().inAnyNamespace().withField("spec.nodeName", config.nodeName())
        .runnableInformer(0);
    b.informer.addEventHandler(b.workers);
    b.informer.addEventHandler(b.drainer);
    b.informer.run();
    NodeAgent agent = new NodeAgent(b);
    agent.relistTask = scheduler.schedule(config.relistInterval(), agent::relistPeriodically);
    agent.resyncTask = scheduler.schedule(config.resyncInterval(), agent::resyncPeriodically);
    LOG.info("node agent {} running pods with {} (logs on port {})", config.nodeName(),
        parts.runtime().version().nodeInfo(), b.endpoint.port());
    return agent;
  }

  private static Set<String> uids(List<Pod> pods, Predicate<Pod> filter) {
    return pods.stream().filter(filter).map(pod -> pod.getMetadata().getUid())
        .collect(Collectors.toSet());
  }

  /** Routes ConfigMap/Secret changes to the pods that read them, once the workers exist. */
  private static final class PodWorkersHolder {
    volatile PodWorkers workers;

    void configChanged(ConfigReferences.Kind kind, String key) {
      PodWorkers current = workers;
      if (current == null) {
        return;
      }
      int slash = key.indexOf('/');
      String namespace = key.substring(0, slash);
      String name = key.substring(slash + 1);
      for (PodRecord record : current.records()) {
        if (record.namespace.equals(namespace)
            && ConfigReferences.names(record.pod, kind).contains(name)) {
          record.refreshVolumes = true;
          current.signal(record.uid);
        }
      }
    }
  }

  public String nodeName() {
    return config.nodeName();
  }

  /** The ConfigMaps and Secrets the agent watches for its pods. */
  InformerConfigSource configSource() {
    return configs;
  }

  /** The port of the node's log endpoint. */
  public int endpointPort() {
    return endpoint.port();
  }

  private void relistPeriodically() {
    if (closed.get()) {
      return;
    }
    Thread.ofVirtual().name("relist").start(() -> {
      relister.relist();
      if (!closed.get()) {
        relistTask = scheduler.schedule(config.relistInterval(), this::relistPeriodically);
      }
    });
  }

  private void resyncPeriodically() {
    if (closed.get()) {
      return;
    }
    workers.resyncAll();
    resyncTask = scheduler.schedule(config.resyncInterval(), this::resyncPeriodically);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // As with the kubelet, containers of a runtime that outlives the agent keep running, for
      // the next agent to adopt; the process runtime's are the agent's children and stop with it.
      stopWork(!runtime.containersOutliveAgent());
      LOG.info("node agent {} stopped", config.nodeName());
    }
  }

  /**
   * Stops the agent as a crash would: every thread and connection goes, but containers keep
   * running and nothing is cleaned up. Restart tests use it to leave work for the next agent.
   */
  void abandonPods() {
    if (closed.compareAndSet(false, true)) {
      stopWork(false);
    }
  }

  private void stopWork(boolean stopPods) {
    relistTask.cancel();
    resyncTask.cancel();
    heartbeat.close();
    informer.close();
    drainer.close();
    serviceCache.close();
    workers.close(stopPods ? CLOSE_GRACE : Duration.ZERO, stopPods);
    configs.close();
    probes.close();
    events.close();
    endpoint.close();
    runtime.close();
  }
}

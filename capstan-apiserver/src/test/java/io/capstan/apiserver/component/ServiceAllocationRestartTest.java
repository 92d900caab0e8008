package io.capstan.apiserver.component;

import static io.capstan.apiserver.component.ServiceAllocationTest.NS;
import static io.capstan.apiserver.component.ServiceAllocationTest.assertRejected;
import static io.capstan.apiserver.component.ServiceAllocationTest.create;
import static io.capstan.apiserver.component.ServiceAllocationTest.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.store.Store;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Allocation state over restarts, under concurrency and when the range runs out. */
class ServiceAllocationRestartTest {

  private static void createNamespace(TestServer server) {
    server.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
  }

  @Test
  void aRestartedServerKnowsWhatTheStoredServicesHold() throws Exception {
    Store store = new MemoryStore();
    String random;
    try (TestServer first = TestServer.start(store, c -> c)) {
      createNamespace(first);
      random = create(first.client, service("before", b -> b.editSpec().withType("NodePort")
          .editFirstPort().withNodePort(30200).endPort().endSpec())).getSpec().getClusterIP();
    }
    try (TestServer second = TestServer.start(store, c -> c)) {
      assertRejected(() -> create(second.client, service("after-ip",
              b -> b.editSpec().withClusterIP(random).endSpec())), 422,
          "provided IP is already allocated");
      assertRejected(() -> create(second.client, service("after-port",
              b -> b.editSpec().withType("NodePort").editFirstPort().withNodePort(30200)
                  .endPort().endSpec())), 422,
          "provided port is already allocated");
      assertThat(second.client.services().inNamespace("default").withName("kubernetes").get()
          .getSpec().getClusterIP()).isEqualTo("127.96.0.1");
    }
  }

  @Test
  void concurrentCreatesNeverShareAnAddress() throws Exception {
    // 62 usable addresses, one of them the kubernetes Service's: 48 creates at once fill most.
    try (TestServer server = TestServer.start(new MemoryStore(),
        c -> c.withServiceCidr("127.96.0.0/26"))) {
      createNamespace(server);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Callable<String>> creates = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
          String name = "c-" + i;
          creates.add(() -> create(server.client, service(name, b -> b)).getSpec()
              .getClusterIP());
        }
        List<String> ips = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(creates)) {
          ips.add(f.get());
        }
        assertThat(new HashSet<>(ips)).hasSize(48).doesNotContain("127.96.0.1", "127.96.0.0",
            "127.96.0.63");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aFullRangeIsAnInternalError() throws Exception {
    // A /29 has six usable addresses; the kubernetes Service holds the first.
    try (TestServer server = TestServer.start(new MemoryStore(),
        c -> c.withServiceCidr("127.96.0.0/29"))) {
      createNamespace(server);
      List<String> ips = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Service created = create(server.client, service("f-" + i, b -> b));
        ips.add(created.getSpec().getClusterIP());
      }
      assertThat(ips).containsExactlyInAnyOrder("127.96.0.2", "127.96.0.3", "127.96.0.4",
          "127.96.0.5", "127.96.0.6");
      assertRejected(() -> create(server.client, service("f-full", b -> b)), 500,
          "failed to allocate a serviceIP: range is full");
      server.client.services().inNamespace(NS).withName("f-2").delete();
      assertThat(create(server.client, service("f-again", b -> b)).getSpec().getClusterIP())
          .isEqualTo(ips.get(2));
    }
  }
}

package io.capstan.apiserver.resources.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.allocation.ClaimRepair;
import io.capstan.apiserver.allocation.IpAllocator;
import io.capstan.apiserver.allocation.Ipv4Cidr;
import io.capstan.apiserver.allocation.PortAllocator;
import io.capstan.apiserver.allocation.StoreClaims;
import io.capstan.apiserver.registry.ObjectKeys;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.memory.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The repair loops read the stored Services' cluster IPs and node ports. */
class ServiceClaimRepairTest {

  private static final String IPS = "/registry/ranges/serviceips/";
  private static final String PORTS = "/registry/ranges/servicenodeports/";

  private final MemoryStore store = new MemoryStore();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void claimsWhatServicesHoldAndReleasesWhatNoneDoes() {
    ResourceType services = ResourceCatalog.standard().require("", "Service");
    store.create(ObjectKeys.key(services, "default", "web"), ("{\"apiVersion\":\"v1\","
        + "\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},"
        + "\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.96.0.9\","
        + "\"clusterIPs\":[\"10.96.0.9\"],\"ports\":[{\"port\":80,\"nodePort\":30080}]}}")
        .getBytes(StandardCharsets.UTF_8));
    StoreClaims ipClaims = new StoreClaims(store, IPS);
    StoreClaims portClaims = new StoreClaims(store, PORTS);
    IpAllocator ips = new IpAllocator(Ipv4Cidr.parse("10.96.0.0/24").orElseThrow(),
        RandomGenerator.getDefault(), Optional.of(ipClaims));
    PortAllocator ports = PortAllocator.defaultRange(RandomGenerator.getDefault(),
        Optional.of(portClaims));
    ips.allocate("10.96.0.20"); // claimed by a create that never finished
    ports.allocate(31000);
    ServiceClaimRepair repair = new ServiceClaimRepair(store, services, ips, ipClaims, ports,
        portClaims);

    repair.runOnce();
    assertThat(held(IPS)).containsExactlyInAnyOrder("10.96.0.9", "10.96.0.20");
    assertThat(held(PORTS)).containsExactlyInAnyOrder("30080", "31000");
    for (int i = 1; i < ClaimRepair.ROUNDS_BEFORE_RELEASE; i++) {
      repair.runOnce();
    }
    assertThat(held(IPS)).containsExactly("10.96.0.9");
    assertThat(held(PORTS)).containsExactly("30080");
  }

  private java.util.List<String> held(String prefix) {
    return store.list(ListRequest.all(prefix)).items().stream()
        .map(KeyValue::key).map(k -> k.substring(prefix.length())).toList();
  }
}

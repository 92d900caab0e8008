package io.capstan.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtcdVersionsTest {

  @Test
  void progressRequestsAreTrustedFromTheReleasesThatOrderThem() {
    assertThat(EtcdVersions.ordersProgressRequests("3.4.23")).isFalse();
    assertThat(EtcdVersions.ordersProgressRequests("3.4.31")).isTrue();
    assertThat(EtcdVersions.ordersProgressRequests("3.5.12")).isFalse();
    assertThat(EtcdVersions.ordersProgressRequests("3.5.13")).isTrue();
    assertThat(EtcdVersions.ordersProgressRequests("3.6.0")).isTrue();
    assertThat(EtcdVersions.ordersProgressRequests("3.6.0-rc.1")).isTrue();
    assertThat(EtcdVersions.ordersProgressRequests("unknown")).isFalse();
  }
}

package io.capstan.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EtcdEndpointsTest {

  @Test
  void eachMemberBecomesAnHttpEndpoint() {
    assertThat(EtcdEndpoints.parse("etcd://h1:2379, h2:22379/"))
        .containsExactly(URI.create("http://h1:2379"), URI.create("http://h2:22379"));
  }

  @Test
  void aMemberWithoutPortUsesEtcdsClientPort() {
    assertThat(EtcdEndpoints.parse("etcd://10.0.0.1"))
        .containsExactly(URI.create("http://10.0.0.1:2379"));
  }

  @Test
  void otherSchemesAndEmptyMembersAreRefused() {
    assertThatThrownBy(() -> EtcdEndpoints.parse("http://h1:2379"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EtcdEndpoints.parse("etcd://h1:2379,,h2:2379"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EtcdEndpoints.parse("etcd://h1:2379,"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EtcdEndpoints.parse("etcd://"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EtcdEndpoints.parse("etcd://h1:port"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

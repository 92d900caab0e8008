package io.capstan.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubjectAltNamesTest {

  record Case(String value, String dns, String ip) {
    @Override
    public String toString() {
      return value;
    }
  }

  static Stream<Case> valid() {
    return Stream.of(
        new Case("localhost", "localhost", null),
        new Case("Capstan.Example.COM", "capstan.example.com", null),
        new Case("*.apps.example.com", "*.apps.example.com", null),
        new Case(" node-1 ", "node-1", null),
        new Case("192.168.1.20", null, "192.168.1.20"),
        new Case("::1", null, "0:0:0:0:0:0:0:1"),
        new Case("[fd00::5]", null, "fd00:0:0:0:0:0:0:5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesDnsNamesAndIpLiterals(Case c) throws Exception {
    SubjectAltNames sans = SubjectAltNames.parse(List.of(c.value()));

    if (c.dns() != null) {
      assertThat(sans.dnsNames()).containsExactly(c.dns());
      assertThat(sans.ipAddresses()).isEmpty();
    } else {
      assertThat(sans.dnsNames()).isEmpty();
      assertThat(sans.ipAddresses()).containsExactly(InetAddress.getByName(c.ip()));
    }
  }

  static Stream<String> invalid() {
    return Stream.of("", "under_score.example", "-leading.example", "a..b", "fe80::1%eth0",
        "256.1.1.1", "12345::1::2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsWhatIsNeither(String value) {
    assertThatThrownBy(() -> SubjectAltNames.parse(List.of(value)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(value);
  }

  @Test
  void localDefaultsNameLoopbackAndTheExtraValues() throws Exception {
    SubjectAltNames sans =
        SubjectAltNames.localDefaults(List.of("capstan.example.com", "10.9.8.7"));

    assertThat(sans.dnsNames()).contains("localhost", "capstan.example.com");
    assertThat(sans.ipAddresses()).contains(InetAddress.getByName("127.0.0.1"),
        InetAddress.getByName("::1"), InetAddress.getByName("10.9.8.7"));
    assertThat(sans.ipAddresses()).noneMatch(InetAddress::isLinkLocalAddress);
  }
}

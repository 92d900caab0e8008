package io.capstan.apiserver.resources.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.resources.fields.FieldPath;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpAddressesTest {

  record Case(String text, boolean valid, boolean v6, boolean special) {
    @Override
    public String toString() {
      return text;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("10.1.2.3", true, false, false),
        new Case("010.001.002.003", true, false, false),
        new Case("256.1.1.1", false, false, false),
        new Case("1.2.3", false, false, false),
        new Case("127.0.0.1", true, false, true),
        new Case("0.0.0.0", true, false, true),
        new Case("169.254.1.1", true, false, true),
        new Case("224.0.0.5", true, false, true),
        new Case("2001:db8::1", true, true, false),
        new Case("::1", true, true, true),
        new Case("::", true, true, true),
        new Case("fe80::1", true, true, true),
        new Case("::ffff:10.0.0.1", true, false, false),
        new Case("1:2:3:4:5:6:7:8", true, true, false),
        new Case("1:2:3:4:5:6:7:8:9", false, false, false),
        new Case("1::2::3", false, false, false),
        new Case("fe80::1%eth0", false, false, false),
        new Case("example.com", false, false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesSloppyAddresses(Case c) {
    assertThat(IpAddresses.parse(c.text()).isPresent()).isEqualTo(c.valid());
    if (c.valid()) {
      assertThat(IpAddresses.isV6(c.text())).isEqualTo(c.v6());
      assertThat(IpAddresses.validateNonSpecial(FieldPath.of("ip"), c.text()).isEmpty())
          .isEqualTo(!c.special());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cidrs")
  void parsesCidrs(String cidr, boolean valid) {
    assertThat(IpAddresses.isCidr(cidr)).isEqualTo(valid);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> cidrs() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("10.244.0.0/24", true),
        org.junit.jupiter.params.provider.Arguments.of("10.244.0.0/33", false),
        org.junit.jupiter.params.provider.Arguments.of("fd00::/64", true),
        org.junit.jupiter.params.provider.Arguments.of("fd00::/129", false),
        org.junit.jupiter.params.provider.Arguments.of("10.0.0.0", false),
        org.junit.jupiter.params.provider.Arguments.of("10.0.0.0/", false));
  }
}

package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's tabwriter (padding 2) as kubectl's describers use it, on cases Go was run on. */
class DescribeTabsTest {

  record Case(String name, String text, String aligned) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("one column block", "Name:\tweb\nNamespace:\tdefault\n",
            "Name:       web\nNamespace:  default\n"),
        new Case("a line without tabs ends the block", "A:\t1\nSection:\nLonger key:\t2\n",
            "A:  1\nSection:\nLonger key:  2\n"),
        new Case("a nested column is aligned only where lines have it",
            "Port:\t<unset>\t80/TCP\nTargetPort:\t80/TCP\nNodePort:\thttp\t30080/TCP\n",
            "Port:        <unset>  80/TCP\nTargetPort:  80/TCP\nNodePort:    http  30080/TCP\n"),
        new Case("an empty last cell leaves the padding", "IP:\t\nIPs:\t<none>\n",
            "IP:   \nIPs:  <none>\n"),
        new Case("empty cells take the padding", "  a\tb\t\tc\n  dd\t\t\te\n",
            "  a   b    c\n  dd       e\n"),
        new Case("widths count characters, not bytes", "é:\tx\nab:\ty\n", "é:   x\nab:  y\n"),
        new Case("text without a final newline", "a:\tb", "a:  b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void alignsAsGo(Case c) {
    assertThat(DescribeTabs.align(c.text())).isEqualTo(c.aligned());
  }
}

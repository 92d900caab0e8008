package io.capstan.bench.wrk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WrkResultTest {

  private static final String KEEP_ALIVE = """
      Running 15s test @ http://127.0.0.21:8080/
        2 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency   635.91us    0.89ms  12.78ms   94.34%
          Req/Sec    56.20k     4.69k   67.35k    75.00%
        Latency Distribution
           50%  521.00us
           75%  601.00us
           90%  773.00us
           99%    4.23ms
        1678592 requests in 15.10s, 168.99MB read
      Requests/sec: 111165.74
      Transfer/sec:     11.19MB
      """;

  private static final String WITH_ERRORS = """
      Running 3s test @ http://127.96.0.4:41000/
        2 threads and 64 connections
        Latency Distribution
           50%    1.20s
           75%    1.50s
           90%    1.80s
           99%    2.00m
        9000 requests in 3.00s, 900.00KB read
        Socket errors: connect 1, read 2, write 3, timeout 4
        Non-2xx or 3xx responses: 5
      Requests/sec:   3000.00
      Transfer/sec:    300.00KB
      """;

  record Case(String name, String output, WrkResult expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("keep-alive run, microseconds and milliseconds", KEEP_ALIVE,
            new WrkResult(1_678_592, 111_165.74, 521.0, 4_230.0, 0)),
        new Case("errors summed, seconds and minutes", WITH_ERRORS,
            new WrkResult(9_000, 3_000.0, 1_200_000.0, 120_000_000.0, 15)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesTheSummary(Case c) {
    assertThat(WrkResult.parse(c.output())).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void needsTheLatencyDistribution(Case c) {
    String withoutDistribution = c.output().replaceAll("(?m)^\\s*\\d+%.*\\n", "");
    assertThatThrownBy(() -> WrkResult.parse(withoutDistribution))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--latency");
  }
}

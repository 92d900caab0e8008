package io.capstan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsWithNoArguments() {
    Options options = Options.parse();
    assertThat(options).isEqualTo(new Options(Duration.ofSeconds(15), Duration.ofSeconds(3), 64,
        2, 3, 1000, false, List.of(), "bin/bench"));
  }

  @Test
  void flagsInBothFormsAndScenarios() {
    Options options = Options.parse("--write-docs", "--duration", "30s", "--warmup=500ms",
        "--connections", "128", "--threads=4", "--rounds", "3", "proxy");
    assertThat(options).isEqualTo(new Options(Duration.ofSeconds(30), Duration.ofMillis(500),
        128, 4, 3, 1000, true, List.of("proxy"),
        "bin/bench --write-docs --duration 30s --warmup=500ms --connections 128 --threads=4"
            + " --rounds 3 proxy"));
  }

  @Test
  void rejectsUnknownFlagsAndMissingValues() {
    assertThatThrownBy(() -> Options.parse("--fast")).hasMessageContaining("unknown flag --fast");
    assertThatThrownBy(() -> Options.parse("--duration"))
        .hasMessageContaining("--duration needs a value");
    assertThatThrownBy(() -> Options.parse("--threads", "8", "--connections", "4"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replicasForTheRolloutScenario() {
    assertThat(Options.parse("--replicas", "10000", "rollout").replicas()).isEqualTo(10_000);
    assertThatThrownBy(() -> Options.parse("--replicas=0"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

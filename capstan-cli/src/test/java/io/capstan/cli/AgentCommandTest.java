package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code capstan agent} refuses what it cannot use with a usage error, before joining. */
class AgentCommandTest {

  record Case(String name, String[] args, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no server", new String[] {"--token", "t"}, "Missing required option: "
            + "'--server=URL'"),
        new Case("plain http", new String[] {"--server", "http://127.0.0.1:6443", "--token", "t"},
            "--server 'http://127.0.0.1:6443' is not an https URL"),
        new Case("one bad URL of two",
            new String[] {"--server", "https://127.0.0.1:6443,https://", "--token", "t"},
            "--server 'https://' is not an https URL"),
        new Case("a path", new String[] {"--server", "https://127.0.0.1:6443/api", "--token", "t"},
            "is not an https URL such as https://10.0.0.5:6443"),
        new Case("unknown runtime", new String[] {"--server", "https://127.0.0.1:6443",
            "--token", "t", "--runtime", "docker"}, "--runtime 'docker' is not available"),
        new Case("empty token", new String[] {"--server", "https://127.0.0.1:6443",
            "--token", " "}, "--token must not be empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesWithAUsageError(Case c, @TempDir Path dataDir) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main()).setErr(new PrintWriter(err));
    String[] args = Stream.concat(Stream.of("agent", "--data-dir", dataDir.toString()),
        Stream.of(c.args())).toArray(String[]::new);
    assertThat(cli.execute(args)).isEqualTo(2);
    assertThat(err.toString()).contains(c.message());
  }
}

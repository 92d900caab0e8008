package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RolloutReportTest {

  private static RolloutProgress progress(int updated, int available) {
    return new RolloutProgress("web", 2, 1, 1, 4, 4 + (4 - updated), updated, 4, 4, false,
        false, available, available);
  }

  @Test
  void linesPrintKubectlsSentenceOnlyWhenItChanges() {
    StringWriter text = new StringWriter();
    RolloutReport report = RolloutReport.choose("", false, new PrintWriter(text));
    for (RolloutProgress p : new RolloutProgress[] {progress(1, 0), progress(1, 1),
        progress(4, 4)}) {
      report.progress(p, p.verdict());
    }
    assertThat(text.toString()).isEqualTo("""
        Waiting for deployment "web" rollout to finish: 1 out of 4 new replicas have been \
        updated...
        deployment "web" successfully rolled out
        """);
  }

  @Test
  void jsonLinesAreOneObjectPerChange() {
    StringWriter text = new StringWriter();
    RolloutReport report = RolloutReport.choose("json", false, new PrintWriter(text));
    RolloutProgress p = progress(1, 0);
    report.progress(p, p.verdict());
    report.progress(p, p.verdict());
    report.failed(p, new PodFailure("web-1", "app", "CrashLoopBackOff", "back-off"), "boom\n");
    String[] lines = text.toString().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(Json.MAPPER.readTree(lines[0]).path("updated").asInt()).isEqualTo(1);
    assertThat(Json.MAPPER.readTree(lines[0]).path("phase").asString()).isEqualTo("Progressing");
    assertThat(Json.MAPPER.readTree(lines[1]).path("reason").asString())
        .isEqualTo("CrashLoopBackOff");
    assertThat(Json.MAPPER.readTree(lines[1]).path("logs").asString()).isEqualTo("boom\n");
  }

  @Test
  void liveRedrawsOneLineAndEndsItBeforeTheLastSentence() {
    StringWriter text = new StringWriter();
    RolloutReport report = RolloutReport.choose("", true, new PrintWriter(text));
    RolloutProgress first = progress(2, 1);
    RolloutProgress done = new RolloutProgress("web", 2, 1, 1, 4, 4, 4, 4, 4, false, false, 4,
        4);
    report.progress(first, first.verdict());
    report.progress(done, done.verdict());
    assertThat(text.toString()).isEqualTo("\rdeployment \"web\" revision 2 [#####...............]"
        + " updated 2/4  ready 1/4  available 1/4  old 4\u001b[K\n"
        + "deployment \"web\" successfully rolled out\n");
  }
}

package io.capstan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DocsPageTest {

  private static final String START = "<!-- bench:proxy:start -->";
  private static final String END = "<!-- bench:proxy:end -->";

  record Case(String name, String page, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("markers present: only the text between them changes",
            "# B\n\n## Service proxy\n\nintro\n" + START + "\nold\n" + END + "\n\nafter\n",
            "# B\n\n## Service proxy\n\nintro\n" + START + "\nnew figures\n" + END
                + "\n\nafter\n"),
        new Case("heading without markers: markers go right under it",
            "# B\n\n## Service proxy\nhand-written\n## Other\n",
            "# B\n\n## Service proxy\n\n" + START + "\nnew figures\n" + END
                + "\nhand-written\n## Other\n"),
        new Case("a longer heading is not the section's heading",
            "# B\n\n## Service proxy internals\n",
            "# B\n\n## Service proxy internals\n\n## Service proxy\n\n" + START
                + "\nnew figures\n" + END + "\n"),
        new Case("no heading: a new section at the end",
            "# B\n\ntext",
            "# B\n\ntext\n\n## Service proxy\n\n" + START + "\nnew figures\n" + END + "\n"),
        new Case("empty page",
            "",
            "## Service proxy\n\n" + START + "\nnew figures\n" + END + "\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rewritesTheSection(Case c) {
    String once = DocsPage.rewrite(c.page(), "proxy", "Service proxy", "\nnew figures\n\n");
    assertThat(once).isEqualTo(c.expected());
    assertThat(DocsPage.rewrite(once, "proxy", "Service proxy", "new figures")).isEqualTo(once);
  }
}

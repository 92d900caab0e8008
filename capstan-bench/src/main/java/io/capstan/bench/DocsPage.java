package io.capstan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/benchmarks.md, where each scenario owns the text between
 * {@code <!-- bench:NAME:start -->} and {@code <!-- bench:NAME:end -->}; everything outside the
 * markers is hand-written and left alone.
 */
public final class DocsPage {

  private final Path file;

  public DocsPage(Path file) {
    this.file = file;
  }

  public void write(Scenario scenario, Report report) throws IOException {
    String page = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    Files.writeString(file, rewrite(page, scenario.name(), scenario.heading(), report.markdown()),
        StandardCharsets.UTF_8);
  }

  /**
   * {@code page} with {@code body} between {@code name}'s markers. Missing markers are placed
   * right under the {@code ## heading} line, or, when the page has no such heading, under a new
   * one at the end of the page.
   */
  static String rewrite(String page, String name, String heading, String body) {
    String start = "<!-- bench:" + name + ":start -->";
    String end = "<!-- bench:" + name + ":end -->";
    String section = start + "\n" + body.strip() + "\n" + end;
    int from = page.indexOf(start);
    int to = page.indexOf(end);
    if (from >= 0 && to > from) {
      return page.substring(0, from) + section + page.substring(to + end.length());
    }
    String headingLine = "## " + heading;
    int at = lineStart(page, headingLine);
    if (at >= 0) {
      int afterHeading = page.indexOf('\n', at);
      if (afterHeading < 0) {
        return page + "\n\n" + section + "\n";
      }
      return page.substring(0, afterHeading + 1) + "\n" + section + "\n"
          + page.substring(afterHeading + 1);
    }
    String separator = page.isEmpty() ? "" : page.endsWith("\n") ? "\n" : "\n\n";
    return page + separator + headingLine + "\n\n" + section + "\n";
  }

  private static int lineStart(String page, String line) {
    for (int at = page.indexOf(line); at >= 0; at = page.indexOf(line, at + 1)) {
      boolean startsLine = at == 0 || page.charAt(at - 1) == '\n';
      int after = at + line.length();
      boolean endsLine = after == page.length() || page.charAt(after) == '\n';
      if (startsLine && endsLine) {
        return at;
      }
    }
    return -1;
  }
}

package io.capstan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The verbs × clients table of docs/compatibility.md, written by {@link CompatibilitySuiteTest}
 * between two marker comments so that the rest of the page stays hand-written.
 */
final class CompatibilityTable {

  static final String BEGIN = "<!-- compatibility-suite:begin -->";
  static final String END = "<!-- compatibility-suite:end -->";

  private CompatibilityTable() {}

  /** Whether one client passed one scenario, and why not. */
  record Outcome(boolean passed, String failure) {}

  /** The Markdown table: a row per verb, a column per client, in the order given. */
  static String render(List<String> verbs, List<String> clients,
      Map<String, Map<String, Outcome>> outcomesByClient) {
    StringBuilder out = new StringBuilder("| verb |");
    clients.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append("\n|---|");
    clients.forEach(c -> out.append("---|"));
    out.append('\n');
    for (String verb : verbs) {
      out.append("| `").append(verb).append("` |");
      for (String client : clients) {
        Outcome outcome = outcomesByClient.get(client).get(verb);
        out.append(outcome != null && outcome.passed() ? " ✓ |" : " ✗ |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Replaces what lies between the markers of {@code page} with {@code table}. */
  static void write(Path page, String table) throws IOException {
    String text = Files.readString(page);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(page + " has no " + BEGIN + " ... " + END + " section");
    }
    String updated = text.substring(0, begin + BEGIN.length()) + "\n" + table
        + text.substring(end);
    if (!updated.equals(text)) {
      Files.writeString(page, updated);
    }
  }
}

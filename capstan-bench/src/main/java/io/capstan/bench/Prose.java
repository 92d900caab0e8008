package io.capstan.bench;

import java.util.ArrayList;
import java.util.List;

/** Markdown prose wrapped at the width the hand-written docs use. */
public final class Prose {

  private static final int WIDTH = 100;

  private Prose() {}

  /** {@code text} as lines of at most 100 characters (a longer word gets a line of its own). */
  public static String wrap(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return String.join("\n", lines);
  }
}

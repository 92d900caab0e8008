package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns as kubectl writes them through Go's {@code tabwriter} (minimum width 6, padding
 * 3, spaces): every column but the last is padded to its widest cell plus three spaces, and the
 * last cell of a row is written as it is, without trailing blanks.
 */
final class Columns {

  private static final int MIN_WIDTH = 6;
  private static final int PADDING = 3;

  private final List<List<String>> rows = new ArrayList<>();

  Columns add(List<String> cells) {
    rows.add(List.copyOf(cells));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render() {
    return render(widen(new int[0]));
  }

  /**
   * The column widths these rows need, at least {@code remembered}: kubectl's tab writer keeps
   * the widths of earlier flushes so that watch output stays aligned.
   */
  int[] widen(int[] remembered) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = java.util.Arrays.copyOf(remembered, Math.max(columns, remembered.length));
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() - 1; i++) {
        widths[i] = Math.max(widths[i], Math.max(MIN_WIDTH, width(row.get(i)) + PADDING));
      }
    }
    return widths;
  }

  /** The rows padded to {@code widths} (from {@link #widen}). */
  String render(int[] widths) {
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        out.append(cell);
        if (i < row.size() - 1) {
          out.append(" ".repeat(widths[i] - width(cell)));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}

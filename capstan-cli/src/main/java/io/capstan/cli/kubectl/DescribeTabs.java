package io.capstan.cli.kubectl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go's {@code text/tabwriter} as kubectl's describers configure it (minimum width 0, padding 2,
 * spaces, no flags). Cells are the tab-terminated pieces of a line; the text after a line's last
 * tab belongs to no column. A column is aligned over a <em>block</em>: the consecutive lines that
 * have a cell in it, so a line without tabs ({@code Events:}) separates blocks, and a nested
 * column ({@code Port:\t<unset>\t80/TCP}) is aligned only with the lines around it that have one.
 * The recursion mirrors Go's {@code format}, which is what makes the output byte-identical.
 */
final class DescribeTabs {

  private static final int PADDING = 2;

  private final List<String[]> lines;
  private final List<Integer> widths = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  private DescribeTabs(String text) {
    lines = Arrays.stream(text.split("\n", -1)).map(l -> l.split("\t", -1)).toList();
  }

  static String align(String text) {
    DescribeTabs tabs = new DescribeTabs(text);
    tabs.format(0, tabs.lines.size());
    return tabs.out.toString();
  }

  private void format(int line0, int line1) {
    int column = widths.size();
    for (int line = line0; line < line1; line++) {
      if (column >= lines.get(line).length - 1) {
        continue;
      }
      write(line0, line);
      line0 = line;
      int width = 0;
      for (; line < line1 && column < lines.get(line).length - 1; line++) {
        width = Math.max(width, width(lines.get(line)[column]) + PADDING);
      }
      widths.add(width);
      format(line0, line);
      widths.removeLast();
      line0 = line;
    }
    write(line0, line1);
  }

  private void write(int line0, int line1) {
    for (int i = line0; i < line1; i++) {
      String[] cells = lines.get(i);
      for (int j = 0; j < cells.length; j++) {
        out.append(cells[j]);
        if (j < widths.size() && j < cells.length - 1) {
          out.append(" ".repeat(widths.get(j) - width(cells[j])));
        }
      }
      if (i + 1 < lines.size()) {
        out.append('\n');
      }
    }
  }

  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}

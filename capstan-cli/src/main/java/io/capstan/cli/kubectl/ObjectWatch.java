package io.capstan.cli.kubectl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code get -w} with an object printer ({@code -o yaml|json|name|jsonpath|custom-columns}): the
 * listed objects one by one (unless {@code --watch-only}), then each changed object as the watch
 * reports it. Custom columns keep one header and aligned columns, as kubectl's tab writer does.
 */
final class ObjectWatch {

  private final ObjectPrinter printer;
  private final PrintWriter out;
  private boolean first = true;
  private int[] widths = new int[0];

  ObjectWatch(ObjectPrinter printer, PrintWriter out) {
    this.printer = printer;
    this.out = out;
  }

  void run(List<JsonNode> listed, boolean watchOnly, WatchStream stream, String collectionPath,
      String query, String resourceVersion, Optional<Duration> timeout)
      throws InterruptedException {
    if (!watchOnly && !listed.isEmpty()) {
      print(listed);
    }
    stream.run(collectionPath, query, resourceVersion, timeout, object -> print(List.of(object)));
  }

  private void print(List<JsonNode> objects) {
    Optional<CustomColumns> columns = printer.customColumns();
    if (columns.isPresent()) {
      Columns rows = new Columns();
      if (first && !printer.noHeaders()) {
        rows.add(columns.get().headers());
      }
      objects.forEach(o -> rows.add(columns.get().row(o)));
      widths = rows.widen(widths);
      out.print(rows.render(widths));
    } else {
      for (JsonNode object : objects) {
        out.print(printer.printOne(object, first));
        first = false;
      }
    }
    first = false;
    out.flush();
  }
}

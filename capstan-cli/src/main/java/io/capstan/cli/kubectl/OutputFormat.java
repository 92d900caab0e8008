package io.capstan.cli.kubectl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The value of {@code get -o}: a printer name and, for the template printers
 * ({@code jsonpath=...}, {@code custom-columns=...}, their {@code -file} forms), its template, read
 * from the file for the file forms. Errors use kubectl's wording.
 */
record OutputFormat(String printer, String template) {

  private static final List<String> PLAIN = List.of("", "wide", "yaml", "json", "name");
  private static final List<String> TEMPLATED = List.of("jsonpath", "jsonpath-as-json",
      "jsonpath-file", "custom-columns", "custom-columns-file");

  static OutputFormat parse(String output) {
    if (PLAIN.contains(output)) {
      return new OutputFormat(output, "");
    }
    int eq = output.indexOf('=');
    String printer = eq < 0 ? output : output.substring(0, eq);
    String template = eq < 0 ? "" : output.substring(eq + 1);
    if (!TEMPLATED.contains(printer)) {
      throw new KubectlError("error: unable to match a printer suitable for the output format \""
          + output + "\", allowed formats are: custom-columns,custom-columns-file,json,jsonpath,"
          + "jsonpath-as-json,jsonpath-file,name,wide,yaml");
    }
    if (template.isEmpty()) {
      throw new KubectlError(printer.startsWith("custom-columns")
          ? "error: custom-columns format specified but no custom columns given"
          : "error: template format specified but no template given");
    }
    return switch (printer) {
      case "jsonpath-file" -> new OutputFormat("jsonpath", read(template, "--template "));
      case "custom-columns-file" -> new OutputFormat("custom-columns-file", read(template, ""));
      default -> new OutputFormat(printer, template);
    };
  }

  private static String read(String file, String what) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new KubectlError("error: error reading " + (what.isEmpty() ? "template " : what)
          + file + ", open " + file + ": no such file or directory");
    }
  }

  /** Whether this prints server-side Tables (the default and {@code wide}). */
  boolean table() {
    return printer.isEmpty() || printer.equals("wide");
  }

  boolean wide() {
    return printer.equals("wide");
  }
}

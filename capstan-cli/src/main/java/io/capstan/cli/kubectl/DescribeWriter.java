package io.capstan.cli.kubectl;

/**
 * kubectl's {@code PrefixWriter}: text written at an indentation level (two spaces per level,
 * before the first line of each write only), with tabs between the cells that {@link
 * DescribeTabs} aligns when the description is complete.
 */
final class DescribeWriter {

  private final StringBuilder text = new StringBuilder();

  /** {@code Write(level, format, args...)}: the format is Java's; describers use only %s, %d. */
  DescribeWriter write(int level, String format, Object... args) {
    text.append("  ".repeat(level)).append(args.length == 0 ? format : format.formatted(args));
    return this;
  }

  /** {@code WriteLine}: the text and a newline. */
  DescribeWriter line(String text) {
    return write(0, "%s\n", text);
  }

  /** The aligned description. */
  String render() {
    return DescribeTabs.align(text.toString());
  }
}

package io.capstan.node.podconfig;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Kubernetes' {@code $(VAR)} expansion (the kubelet's fork of Go's {@code os.Expand}): a reference
 * {@code $(NAME)} is replaced by the mapping's value, {@code $$} is an escaped {@code $}, and
 * everything else — {@code $VAR}, {@code ${VAR}}, an unterminated {@code $(}, a lone trailing
 * {@code $} — is copied verbatim. There is no recursion: a value that itself contains
 * {@code $(X)} is inserted as is.
 *
 * <p>Worked example: {@code "$$$(A)"} reads {@code $$} (one literal {@code $}) and then
 * {@code $(A)}, so with {@code A=x} it becomes {@code "$x"}; {@code "$$(A)"} becomes
 * {@code "$(A)"}.
 *
 * <p>The scan works on UTF-16 chars where Go works on bytes; the only difference is a {@code $}
 * directly followed by a non-ASCII character, which Go mangles (it re-encodes the first byte as a
 * rune) and this copies intact.
 */
final class VariableExpansion {

  private static final char OPERATOR = '$';
  private static final char OPENER = '(';
  private static final char CLOSER = ')';

  private VariableExpansion() {}

  /**
   * The mapping kubelet uses for env values and command/args: the first map that has the name
   * wins; an unknown name expands to its own reference, {@code $(NAME)}, so it stays verbatim.
   */
  static UnaryOperator<String> mappingFor(List<Map<String, String>> contexts) {
    return name -> {
      for (Map<String, String> vars : contexts) {
        String value = vars.get(name);
        if (value != null) {
          return value;
        }
      }
      return "" + OPERATOR + OPENER + name + CLOSER;
    };
  }

  static String expand(String input, UnaryOperator<String> mapping) {
    StringBuilder out = new StringBuilder(input.length());
    int checkpoint = 0;
    for (int cursor = 0; cursor < input.length(); cursor++) {
      if (input.charAt(cursor) != OPERATOR || cursor + 1 >= input.length()) {
        continue;
      }
      out.append(input, checkpoint, cursor);
      char next = input.charAt(cursor + 1);
      int advance = 1;
      if (next == OPERATOR) {
        out.append(OPERATOR);
      } else if (next == OPENER) {
        int closer = input.indexOf(CLOSER, cursor + 2);
        if (closer >= 0) {
          out.append(mapping.apply(input.substring(cursor + 2, closer)));
          advance = closer - cursor;
        } else {
          // Incomplete reference: emit "$(" and rescan from after the "(".
          out.append(OPERATOR).append(OPENER);
        }
      } else {
        out.append(OPERATOR).append(next);
      }
      cursor += advance;
      checkpoint = cursor + 1;
    }
    return out.append(input, checkpoint, input.length()).toString();
  }
}
